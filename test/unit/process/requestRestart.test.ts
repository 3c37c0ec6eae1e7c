import * as assert from 'node:assert/strict';
import { spawn as nodeSpawn } from 'node:child_process';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import type { SpawnFn } from '../../../src/core/process/spawnChild';
import { FakeClock } from '../helpers/fakeClock';
import { freePort } from '../helpers/ports';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';
import type { ProcessSpec } from '../../../src/core/config/types';
import { waitFor } from '../helpers/waitFor';

const instance = { name: 'test', index: 1, count: 1, root: '/' };

describe('ManagedProcess requestRestart and backoff cancellation (real children)', () => {
  const started: ManagedProcess[] = [];
  let clock: FakeClock;
  let spawns: number;
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
  });

  /** Real children, virtual backoff time, and a count of spawns. */
  function managed(spec: Partial<ProcessSpec>): ProcessProbe {
    clock = new FakeClock();
    spawns = 0;
    const spawn: SpawnFn = (file, args, options) => {
      spawns++;
      return nodeSpawn(file, args, options);
    };
    const process = new ManagedProcess(makeSpec(spec), instance, { clock, spawn });
    started.push(process);
    return new ProcessProbe(process);
  }

  it('stop during backoff cancels the pending restart', async () => {
    const probe = managed({ command: nodeFixture('crasher.js'), backoffMs: [500] });
    await probe.process.start();
    await probe.waitForStatus('backoff');
    assert.equal(probe.process.state.message, 'exited with code 1 · restarting in 0.5 s');

    await probe.process.stop();
    clock.advance(10_000);

    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(probe.process.state.nextRestartAt, undefined);
    assert.equal(clock.pending, 0);
    assert.equal(spawns, 1);
  });

  it('50 rapid requests while running cause at most 2 restarts', async () => {
    const port = await freePort();
    const probe = managed({ command: nodeFixture('ready-server.js', port) });
    await probe.process.start();
    await probe.waitForLine(/^ready/);

    const requests: Array<Promise<void>> = [];
    for (let n = 0; n < 50; n++) requests.push(probe.process.requestRestart(`change ${n}`));
    // More requests after the first restart has begun: they join one follow-up restart.
    // Wait for the transition in the history: a quick stop can be over before a poll of the current status.
    await waitFor(() => probe.count('stopping') >= 1, { message: 'the first restart to begin stopping' });
    for (let n = 0; n < 50; n++) requests.push(probe.process.requestRestart(`late change ${n}`));
    await Promise.all(requests);

    await probe.waitForStatus('running');
    const restarts = probe.process.state.restarts;
    assert.ok(restarts >= 1 && restarts <= 2, `restarts: ${restarts}`);
    assert.equal(spawns, 1 + restarts);
    assert.ok(!probe.text().some((line) => line.includes('EADDRINUSE')));
  });

  it('a request leaves a stopped process stopped', async () => {
    const probe = managed({ command: nodeFixture('ready-server.js', await freePort()) });
    await probe.process.requestRestart('change');
    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(spawns, 0);
  });

  it('a request during backoff starts at once, without waiting for the delay', async () => {
    const probe = managed({ command: nodeFixture('crasher.js'), backoffMs: [60_000] });
    await probe.process.start();
    await probe.waitForStatus('backoff');

    await probe.process.requestRestart('change');

    assert.equal(spawns, 2);
    assert.equal(probe.process.state.restarts, 1);
    await probe.waitForLine(/^crashing/, 2);
  });
});
