import * as assert from 'node:assert/strict';
import { delayBeforeTry } from '../../../src/core/health/schedule';

describe('probe schedule', () => {
  it('readiness waits 10 ms, then doubles up to the interval', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((index) => delayBeforeTry('readiness', index, 100));
    assert.deepEqual(delays, [10, 20, 40, 80, 100, 100, 100]);
  });

  it('readiness never waits longer than an interval shorter than the first step', () => {
    assert.equal(delayBeforeTry('readiness', 0, 5), 5);
  });

  it('readiness stays at the interval however many tries came before', () => {
    assert.equal(delayBeforeTry('readiness', 5000, 1000), 1000);
  });

  it('liveness waits the interval every time', () => {
    assert.deepEqual([0, 1, 9].map((index) => delayBeforeTry('liveness', index, 10_000)), [10_000, 10_000, 10_000]);
  });
});
