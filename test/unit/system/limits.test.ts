import * as assert from 'node:assert/strict';
import type { ProcessState } from '../../../src/core/process/states';
import { Supervisor } from '../../../src/core/supervisor';
import type { ResourceSample } from '../../../src/core/system/treeSample';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';
import { upWith } from '../helpers/upWith';

describe('limits restart a real process tree', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  const samples: ResourceSample[] = [];
  const states: ProcessState[] = [];

  beforeEach(async () => {
    project = makeTempProject();
    samples.length = 0;
    states.length = 0;
    supervisor = new Supervisor({ resources: { intervalMs: 100 } });
    supervisor.resources.onDidSample((batch) => samples.push(...batch));
    supervisor.onDidChangeState(({ current }) => states.push(current));
  });
  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  const start = (processes: unknown) => upWith(supervisor, project, processes);
  const limitRestart = () => waitFor(() => states.some((s) => s.status === 'backoff' && s.reason === 'limit'), { timeoutMs: 15_000, message: 'a limit restart' });

  it('restarts a tree over its memory limit on the crash schedule, saying why', async () => {
    // No one watches: the limit alone keeps the sampler going.
    await start({ mem: { command: nodeFixture('memory-child.js', 64), limits: { memory: '32MB' }, backoff: ['50ms'] } });
    await limitRestart();
    const backoff = states.find((s) => s.status === 'backoff' && s.reason === 'limit') as ProcessState;
    assert.match(backoff.message, /^memory \d+ MB over its 32 MB limit/);
    assert.ok(samples.some((s) => s.rssBytes > 32 * 1024 ** 2), 'a sample over the limit came first');
    await waitFor(() => supervisor.get('mem')?.state.status === 'running' && states.filter((s) => s.status === 'running').length >= 2, {
      timeoutMs: 10_000,
      message: 'running again after the backoff',
    });
  });

  it('restarts a CPU hog only once it has stayed above the limit for `for`', async () => {
    await start({ spin: { command: nodeFixture('cpu-spinner.js'), limits: { cpu: '30%', for: '1s' }, restart: 'never' } });
    await waitFor(() => states.some((s) => s.reason === 'limit' && s.status === 'exited'), { timeoutMs: 20_000, message: 'the CPU limit' });
    const stoppedAt = samples.filter((s) => s.pid === samples[0].pid).at(-1) as ResourceSample;
    const firstOver = samples.findIndex((s) => (s.cpuPercent ?? 0) > 30);
    // A reading's CPU is what was spent since the reading before: that is when it went over.
    const overSince = samples[firstOver - 1].at;
    assert.ok(stoppedAt.at - overSince >= 1000, `restarted ${stoppedAt.at - overSince} ms after CPU first went over`);
    assert.ok(samples.filter((s) => (s.cpuPercent ?? 0) > 30).length >= 2, 'several readings over the limit, not one');
    const ended = states.find((s) => s.reason === 'limit' && s.status === 'exited') as ProcessState;
    assert.match(ended.message, /^cpu \d+% over its 30% limit for /);
  });
});
