import * as assert from 'node:assert/strict';
import { linesOf } from '../../../src/core/process/outputTypes';
import { shellScript } from '../../../src/core/process/commandLine';
import { Supervisor } from '../../../src/core/supervisor';
import type { ResourceSample } from '../../../src/core/system/treeSample';
import { freePort } from '../helpers/ports';
import { fixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';
import { upWith } from '../helpers/upWith';

describe('the pid a user would act on', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  beforeEach(() => {
    project = makeTempProject();
    supervisor = new Supervisor({ resources: { intervalMs: 100 } });
  });
  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  /** Starts `command` as `web` and resolves with the pid the server itself printed. */
  const serve = async (command: string): Promise<number> => {
    let served: number | undefined;
    supervisor.onOutput((batch) => {
      for (const line of linesOf(batch.blocks)) served ??= Number(/^ready (\d+)$/.exec(line.text)?.[1]) || undefined;
    });
    await upWith(supervisor, project, { web: { command } });
    await waitFor(() => served !== undefined, { message: 'the server ready' });
    return served as number;
  };

  it('regression: the tree shows the wrapper\'s pid, not the server\'s (a simple shell command is exec\'d)', async () => {
    const port = await freePort();
    const server = await serve(`node ${fixture('ready-server.js')} ${port}`);
    assert.equal(supervisor.get('web')?.state.pid, server);
  });

  it('regression: the tree shows the wrapper\'s pid, not the server\'s (where a wrapper remains, the sample names the worker)', async () => {
    const port = await freePort();
    const server = await serve(`cd . && node ${fixture('ready-server.js')} ${port}`);
    const wrapper = supervisor.get('web')?.state.pid;
    assert.notEqual(wrapper, server, 'a list keeps its shell');
    const samples: ResourceSample[] = [];
    supervisor.resources.onDidSample((batch) => samples.push(...batch));
    const watching = supervisor.resources.watch();
    await waitFor(() => samples.some((s) => s.ports.length > 0), { message: 'the port sampled' });
    const sample = samples.find((s) => s.ports.length > 0) as ResourceSample;
    assert.equal(sample.pid, wrapper);
    assert.equal(sample.worker?.pid, server);
    assert.match(sample.worker.command, /ready-server\.js/);
    watching.dispose();
  });

  it('execs only a single simple command', () => {
    assert.equal(shellScript('node server.js --port $PORT'), 'exec node server.js --port $PORT');
    assert.equal(shellScript('npm run dev > out.log'), 'exec npm run dev > out.log');
    for (const kept of ['cd web && node x', 'a | b', 'x; y', 'PORT=1 node x', 'export A=1', 'node x &', 'echo $(date)', 'if true; then x; fi', '"my prog" x']) {
      assert.equal(shellScript(kept), kept);
    }
  });
});
