import * as assert from 'node:assert/strict';
import { LimitWatch } from '../../../src/core/system/limitCheck';
import type { ResourceSample } from '../../../src/core/system/treeSample';

// Pure timing: readings made up at the times given, as the sampler hands them in.
const reading = (at: number, cpuPercent: number | undefined): ResourceSample => ({
  name: 'spin',
  pid: 1,
  at,
  cpuPercent,
  rssBytes: 0,
  ports: [],
  processCount: 1,
  worker: undefined,
  runsNode: undefined,
});

describe('LimitWatch', () => {
  it('regression: a CPU limit fired a reading late, and said it had been over for a reading less than it had', () => {
    const watch = new LimitWatch({ cpuPercent: 50, forMs: 3000, memoryBytes: undefined });
    // Each reading's CPU is what was spent since the one before: over from t=0 on.
    assert.equal(watch.check(reading(0, undefined)), undefined);
    assert.equal(watch.check(reading(2000, 100)), undefined);
    const breach = watch.check(reading(4000, 100));

    assert.equal(breach?.kind, 'cpu');
    assert.match(breach?.message ?? '', /^cpu 100% over its 50% limit for 4 s$/);
  });

  it('a reading under the limit starts the count again', () => {
    const watch = new LimitWatch({ cpuPercent: 50, forMs: 3000, memoryBytes: undefined });
    for (const [at, cpu] of [[0, undefined], [2000, 100], [4000, 10], [6000, 100]] as const) assert.equal(watch.check(reading(at, cpu)), undefined);
    assert.equal(watch.check(reading(8000, 100))?.kind, 'cpu');
  });
});
