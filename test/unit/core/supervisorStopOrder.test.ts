import * as assert from 'node:assert/strict';
import { linesOf } from '../../../src/core/process/outputTypes';
import * as fs from 'node:fs';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { Supervisor } from '../../../src/core/supervisor';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

/** A dependent takes this long to exit after SIGTERM: a dependency stopped beside it would stamp earlier. */
const LINGER_MS = 300;

describe('Supervisor stop order (real children)', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  let stopFile: string;

  beforeEach(async () => {
    project = makeTempProject();
    supervisor = new Supervisor();
    stopFile = project.write('stops.log', '');
    // web → api → db: each stamps SIGTERM's arrival and its own exit into one file.
    project.writeConfig({
      processes: {
        db: { command: nodeFixture('stamped.js', stopFile, 'db', 0) },
        api: { command: nodeFixture('stamped.js', stopFile, 'api', LINGER_MS), dependsOn: ['db'] },
        web: { command: nodeFixture('stamped.js', stopFile, 'web', LINGER_MS), dependsOn: { api: 'started' } },
      },
    });
    // Each prints `started` once its SIGTERM handler is in place: a stop before that would kill it unstamped.
    const started = new Set<string>();
    supervisor.onOutput(({ name, blocks }) => {
      if (linesOf(blocks).some((line) => line.text.startsWith('started '))) started.add(name);
    });
    await supervisor.apply(await loadConfig(project.configFile));
    await supervisor.up();
    await waitFor(() => started.size === 3, { timeoutMs: 10_000, message: `db, api and web started (${[...started].join(', ')})` });
  });

  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  /** `stopping`/`exited` stamps by process, from the children's own clocks. */
  function stamps(): Map<string, number> {
    const found = new Map<string, number>();
    for (const line of fs.readFileSync(stopFile, 'utf8').trim().split('\n')) {
      const [what, name, at] = line.split(' ');
      found.set(`${what} ${name}`, Number(at));
    }
    return found;
  }

  function assertDependentsFirst(): void {
    const at = stamps();
    assert.equal(at.size, 6, `every process stamped its stop and exit: ${[...at.keys()].join(', ')}`);
    const get = (key: string): number => at.get(key) ?? NaN;
    assert.ok(get('stopping api') >= get('exited web'), `api told to stop ${get('stopping api') - get('exited web')} ms after web exited`);
    assert.ok(get('stopping db') >= get('exited api'), `db told to stop ${get('stopping db') - get('exited api')} ms after api exited`);
  }

  it('stopAll stops dependents before their dependencies', async () => {
    await supervisor.stopAll();

    assert.ok(supervisor.processes.every((process) => process.state.status === 'stopped'));
    assertDependentsFirst();
  });

  it('dispose (the editor shutting down) stops dependents first too', async () => {
    await supervisor.dispose();

    assertDependentsFirst();
  });
});
