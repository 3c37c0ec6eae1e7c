import * as assert from 'node:assert/strict';
import { consecutiveAfterRun, delayFor } from '../../../src/core/process/backoff';

describe('backoff', () => {
  it('walks the schedule and repeats its last delay', () => {
    const schedule = [100, 500, 2000];
    assert.deepEqual([0, 1, 2, 3, 10].map((attempt) => delayFor(schedule, attempt)), [100, 500, 2000, 2000, 2000]);
  });

  it('an empty schedule means no restart', () => {
    assert.equal(delayFor([], 0), undefined);
  });

  it('a run that lasted at least resetAfterMs starts the schedule over', () => {
    assert.equal(consecutiveAfterRun(4, 10_000, 10_000), 0);
    assert.equal(consecutiveAfterRun(4, 9_999, 10_000), 4);
  });
});
