import * as assert from 'node:assert/strict';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { needsAttention } from '../../../src/core/process/states';
import { fakeProcesses } from '../helpers/fakeChild';
import { FakeClock } from '../helpers/fakeClock';
import { makeSpec } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';
import type { ProcessSpec } from '../../../src/core/config/types';

const instance = { name: 'test', index: 1, count: 1, root: '/' };

describe('ManagedProcess crash and restart counts (virtual time)', () => {
  let clock: FakeClock;
  let fakes: ReturnType<typeof fakeProcesses>;

  function setUp(spec: Partial<ProcessSpec> = {}): ManagedProcess {
    clock = new FakeClock();
    fakes = fakeProcesses();
    return new ManagedProcess(makeSpec(spec), instance, { clock, spawn: fakes.spawn, killTree: fakes.killTree });
  }

  const running = (process: ManagedProcess, children: number) =>
    waitFor(() => process.state.status === 'running' && fakes.children.length === children, { message: `run #${children} (${process.state.message})` });

  async function crash(process: ManagedProcess): Promise<void> {
    fakes.latest().exit(1);
    await waitFor(() => process.state.status === 'backoff' || process.state.status === 'failed', { message: 'the end of the run' });
  }

  it('regression: the ↻ count mixes saves, manual restarts and a start from stopped', async () => {
    const process = setUp({ backoffMs: [100] });
    await process.start();
    await running(process, 1);
    await process.restart();
    await running(process, 2);
    await process.requestRestart('src/app.ts saved');
    await running(process, 3);
    assert.deepEqual([process.state.restarts, process.state.crashes], [2, 0], 'a Restart and a save are restarts, not crashes');

    await crash(process);
    clock.advance(100);
    await running(process, 4);
    assert.deepEqual([process.state.restarts, process.state.crashes], [2, 1], 'a crash restart counts as a crash only');

    await process.stop();
    await process.restart();
    await running(process, 5);
    assert.deepEqual([process.state.restarts, process.state.crashes], [0, 0], 'Restart of a stopped process is a start: both counts begin again');
    await process.stop();
  });

  it('counts failed runs, not clean exits, as crashes', async () => {
    const process = setUp({ restart: 'always', backoffMs: [50] });
    await process.start();
    await running(process, 1);
    fakes.latest().exit(0);
    await waitFor(() => process.state.status === 'backoff');
    assert.equal(process.state.crashes, 0);
    clock.advance(50);
    await running(process, 2);
    await crash(process);
    assert.equal(process.state.crashes, 1);
    await process.stop();
  });

  it('regression: Stop All erases failed: a stop leaves a process that gave up failed, with how it ended', async () => {
    const process = setUp({ backoffMs: [100], maxRestarts: 0 });
    await process.start();
    await running(process, 1);
    await crash(process);
    assert.equal(process.state.status, 'failed');
    const changes: string[] = [];
    process.onDidChangeState(({ current }) => changes.push(current.status));

    await process.stop();
    assert.equal(process.state.status, 'failed');
    assert.deepEqual(process.state.lastExit, { code: 1, signal: null });
    assert.equal(process.state.crashes, 1);
    assert.deepEqual(changes, [], 'nothing ran, so nothing changed');
  });

  it('regression: the status bar flips between warning and normal during a crash loop', async () => {
    const process = setUp({ backoffMs: [100, 500], resetAfterMs: 60_000 });
    const attention: boolean[] = [];
    process.onDidChangeState(({ current }) => attention.push(needsAttention(current)));
    await process.start();
    await running(process, 1);
    assert.equal(needsAttention(process.state), false, 'a first start is no trouble');
    attention.length = 0;

    for (let run = 1; run <= 3; run++) {
      await crash(process);
      clock.advance(500);
      await running(process, run + 1);
    }
    assert.ok(attention.length >= 9, `backoff, starting and running each time (${attention.length} changes)`);
    assert.deepEqual(attention.filter((value) => !value), [], 'it needs attention from the first crash on, also while it starts and runs again');

    clock.advance(9_999);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(needsAttention(process.state), true, 'not yet run well');
    clock.advance(1);
    await waitFor(() => !needsAttention(process.state), { message: 'settled after 10 s up' });
    assert.equal(process.state.status, 'running');
    await process.stop();
  });

  it('a stop ends the need for attention of a crash loop', async () => {
    const process = setUp({ backoffMs: [100] });
    await process.start();
    await running(process, 1);
    await crash(process);
    assert.equal(needsAttention(process.state), true);
    await process.stop();
    assert.equal(needsAttention(process.state), false);
    await process.start();
    await running(process, 2);
    assert.equal(process.state.settling, false, 'a start by hand is a fresh start');
    await process.stop();
  });
});
