import * as assert from 'node:assert/strict';
import { delayBeforeTry, FAST_READINESS_TRIES } from '../../../src/core/health/schedule';

describe('probe schedule', () => {
  it('readiness waits 10 ms for the first tries, then doubles up to the interval', () => {
    const first = FAST_READINESS_TRIES - 1;
    const delays = [0, 1, first, first + 1, first + 2, first + 3, first + 4, first + 5].map((index) => delayBeforeTry('readiness', index, 100, 0));
    assert.deepEqual(delays, [10, 10, 10, 20, 40, 80, 100, 100]);
  });

  it('readiness never waits longer than an interval shorter than the first step', () => {
    assert.equal(delayBeforeTry('readiness', 0, 5, 0), 5);
  });

  it('readiness stays at the interval however many tries came before', () => {
    assert.equal(delayBeforeTry('readiness', 5000, 1000, 0), 1000);
  });

  it('liveness then keeps to whole multiples of the interval, so processes share a tick, at least half an interval apart', () => {
    assert.deepEqual([0, 2_500, 9_999, 10_000, 123_456].map((now) => delayBeforeTry('liveness', 1, 10_000, now)), [10_000, 7_500, 10_001, 10_000, 6_544]);
  });

  it('regression: the first liveness try waits a whole interval, not for the next tick of the clock', () => {
    assert.deepEqual([0, 9_950, 123_456].map((now) => delayBeforeTry('liveness', 0, 10_000, now)), [10_000, 10_000, 10_000]);
  });
});
