import * as assert from 'node:assert/strict';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { fakeProcesses } from '../helpers/fakeChild';
import { FakeClock } from '../helpers/fakeClock';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';
import type { ProcessSpec } from '../../../src/core/config/types';
import type { KillTreeFn } from '../../../src/core/process/killTree';

const instance = { name: 'test', index: 1, count: 1, root: '/' };

describe('ManagedProcess backoff (virtual time)', () => {
  let clock: FakeClock;
  let fakes: ReturnType<typeof fakeProcesses>;
  let probe: ProcessProbe;

  function setUp(spec: Partial<ProcessSpec>, killTree?: KillTreeFn): ManagedProcess {
    clock = new FakeClock();
    fakes = fakeProcesses();
    const process = new ManagedProcess(makeSpec(spec), instance, { clock, spawn: fakes.spawn, killTree: killTree ?? fakes.killTree });
    probe = new ProcessProbe(process);
    return process;
  }

  /** Lets the child run for `ranMs` of virtual time, then crashes it; returns the backoff message. */
  async function crashAfter(ranMs: number, nth: number): Promise<string> {
    await waitFor(() => fakes.children.length === nth && probe.process.state.status === 'running', {
      message: `run #${nth}`,
    });
    clock.advance(ranMs);
    fakes.latest().exit(1);
    await waitFor(() => probe.process.state.status !== 'running', { message: `end of run #${nth}` });
    return probe.process.state.message;
  }

  it('follows the schedule, repeats its last delay, and starts over after a long run', async () => {
    const process = setUp({ backoffMs: [100, 200, 400], resetAfterMs: 1000 });
    await process.start();
    const delays: string[] = [];
    for (let run = 1; run <= 5; run++) {
      delays.push(await crashAfter(10, run));
      const dueAt = process.state.nextRestartAt;
      assert.ok(dueAt !== undefined, 'a restart is due');
      clock.advance(dueAt - clock.now());
    }
    assert.deepEqual(delays, ['0.1 s', '0.2 s', '0.4 s', '0.4 s', '0.4 s'].map((delay) => `exited with code 1 · restarting in ${delay}`));
    await waitFor(() => process.state.crashes === 5 && fakes.children.length === 6, { message: 'restart #5' });

    assert.equal(await crashAfter(1000, 6), 'exited with code 1 · restarting in 0.1 s', 'healthy run resets');
    await process.stop();
  });

  it('counts the delay from the exit, not from the end of the clean-up after it', async () => {
    // The clean-up after a crash (SIGKILL to what is left of the group) ends when the test says so.
    let endCleanup = (): void => undefined;
    const killTree: KillTreeFn = (pid, options) =>
      options.signal === 'SIGKILL' ? new Promise((resolve) => (endCleanup = () => resolve([]))) : fakes.killTree(pid, options);
    const process = setUp({ backoffMs: [100] }, killTree);
    await process.start();
    await waitFor(() => process.state.status === 'running');
    const exitedAt = clock.now();
    fakes.latest().exit(1);
    clock.advance(60);
    endCleanup();
    await probe.waitForStatus('backoff');
    assert.equal(process.state.nextRestartAt, exitedAt + 100);

    clock.advance(39);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fakes.children.length, 1, 'not before the delay is over');
    clock.advance(1);
    await waitFor(() => fakes.children.length === 2, { message: 'respawn 100 ms after the exit' });
    await process.stop();
  });

  it('gives up after maxRestarts restarts in a row', async () => {
    const process = setUp({ backoffMs: [100], maxRestarts: 2 });
    await process.start();
    await crashAfter(10, 1);
    clock.advance(100);
    await crashAfter(10, 2);
    clock.advance(100);
    assert.equal(await crashAfter(10, 3), 'exited with code 1 · gave up after 2 restarts');
    assert.equal(process.state.status, 'failed');
    assert.deepEqual(process.state.lastExit, { code: 1, signal: null });
  });

  it('exits without restart on code 0 with on-failure, and restarts with always', async () => {
    const process = setUp({ restart: 'on-failure' });
    await process.start();
    await waitFor(() => process.state.status === 'running');
    fakes.latest().exit(0);
    await probe.waitForStatus('exited');
    assert.equal(process.state.message, 'exited with code 0');

    const always = setUp({ restart: 'always', backoffMs: [50] });
    await always.start();
    await waitFor(() => always.state.status === 'running');
    fakes.latest().exit(0);
    await probe.waitForStatus('backoff');
    assert.equal(always.state.message, 'exited with code 0 · restarting in 0.05 s');
    await always.stop();
  });

  it('a start by hand after giving up spawns and resets the restart count', async () => {
    const process = setUp({ backoffMs: [100], maxRestarts: 1 });
    await process.start();
    await crashAfter(10, 1);
    clock.advance(100);
    await crashAfter(10, 2);
    assert.equal(process.state.status, 'failed');
    assert.equal(process.state.crashes, 2);
    await process.start();
    assert.equal(fakes.children.length, 3);
    assert.equal(process.state.crashes, 0);
    await process.stop();
  });

  it('a disabled spec stays disabled through start and stop', async () => {
    const process = setUp({ disabled: true });
    await process.start();
    await process.stop();
    assert.equal(process.state.status, 'disabled');
    assert.equal(fakes.children.length, 0);
  });
});
