import * as assert from 'node:assert/strict';
import type { LivenessSpec } from '../../../src/core/config/types';
import { LivenessWatch } from '../../../src/core/health/liveness';
import type { ProbeResult } from '../../../src/core/health/probe';
import { FakeClock } from '../helpers/fakeClock';
import { advance, CONTEXT, flush, OPEN, REFUSED, ScriptedProbe, TCP } from './scriptedProbe';

describe('LivenessWatch (virtual time)', () => {
  let clock: FakeClock;
  let probe: ScriptedProbe;
  let counts: number[];
  let unhealthy: Array<[ProbeResult, number]>;
  beforeEach(() => {
    clock = new FakeClock();
    probe = new ScriptedProbe(clock);
    counts = [];
    unhealthy = [];
  });

  function watch(overrides: Partial<LivenessSpec> = {}): LivenessWatch {
    const spec: LivenessSpec = { target: TCP, intervalMs: 100, timeoutMs: 50, failures: 3, ...overrides };
    return new LivenessWatch(spec, CONTEXT, { clock, tryProbe: probe.tryProbe }, {
      onResult: (_result, failures) => counts.push(failures),
      onUnhealthy: (last, failures) => unhealthy.push([last, failures]),
    });
  }

  it('tries every interval from the moment it starts', async () => {
    const start = clock.now();
    probe.answer(OPEN);
    watch();
    await advance(clock, 350);
    assert.deepEqual(probe.tries.map((t) => t - start), [100, 200, 300]);
    assert.deepEqual(counts, [0, 0, 0]);
  });

  it('is unhealthy after `failures` failures in a row, not before, once, and then stops', async () => {
    watch();
    await advance(clock, 299);
    assert.deepEqual(counts, [1, 2]);
    assert.deepEqual(unhealthy, []);
    await advance(clock, 1);
    assert.deepEqual(unhealthy, [[REFUSED, 3]]);
    await advance(clock, 1000);
    assert.equal(probe.tries.length, 3);
    assert.equal(clock.pending, 0);
  });

  it('a pass resets the count of failures in a row', async () => {
    probe.answer(REFUSED, REFUSED, OPEN, REFUSED, REFUSED, OPEN);
    watch();
    await advance(clock, 600);
    assert.deepEqual(counts, [1, 2, 0, 1, 2, 0]);
    assert.deepEqual(unhealthy, []);
  });

  it('a slow try delays the next: the interval counts from its end', async () => {
    const start = clock.now();
    probe.answer('hold');
    watch();
    await advance(clock, 500);
    probe.answer(OPEN);
    probe.release(OPEN);
    await flush();
    await advance(clock, 100);
    assert.deepEqual(probe.tries.map((t) => t - start), [100, 600]);
  });

  it('watches with one interval wake on one timer between them, however far apart they started', async () => {
    probe.answer(OPEN);
    for (let i = 0; i < 10; i++) {
      watch();
      await advance(clock, 7);
    }
    await advance(clock, 200);
    assert.equal(clock.pending, 1);
    const since = probe.tries.length;
    await advance(clock, 100);
    const round = probe.tries.slice(since);
    assert.equal(round.length, 10);
    assert.equal(new Set(round).size, 1);
  });

  it('dispose stops every timer, and a try under way counts for nothing', async () => {
    probe.answer('hold');
    const watching = watch({ failures: 1 });
    await advance(clock, 100);
    watching.dispose();
    assert.equal(probe.signals[0]?.aborted, true);
    probe.release(REFUSED);
    await advance(clock, 1000);
    assert.deepEqual(counts, []);
    assert.deepEqual(unhealthy, []);
    assert.equal(clock.pending, 0);
  });
});
