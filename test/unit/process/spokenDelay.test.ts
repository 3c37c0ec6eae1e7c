import * as assert from 'assert';
import { spokenCountdown, spokenDelay } from '../../../src/core/process/messages';

describe('spokenDelay', () => {
  it('says each step of the default backoff schedule in its own unit, under a second in tenths of one', () => {
    const schedule = [100, 500, 1000, 10_000, 30_000, 60_000, 300_000, 900_000];
    assert.deepStrictEqual(schedule.map(spokenDelay), ['0.1 s', '0.5 s', '1 s', '10 s', '30 s', '1 min', '5 min', '15 min']);
  });

  it('keeps one decimal where that is exact, and falls to seconds to the millisecond where it is not', () => {
    assert.strictEqual(spokenDelay(1500), '1.5 s');
    assert.strictEqual(spokenDelay(90_000), '1.5 min');
    assert.strictEqual(spokenDelay(61_000), '61 s');
    assert.strictEqual(spokenDelay(1234), '1.234 s');
    assert.strictEqual(spokenDelay(830), '0.83 s');
    assert.strictEqual(spokenDelay(7_200_000), '2 h');
    assert.strictEqual(spokenDelay(0), '0 s');
  });
});

describe('spokenCountdown', () => {
  it('regression: short backoffs are labelled restart in 1s: a sub-second wait reads in tenths, as the channel says it', () => {
    assert.strictEqual(spokenCountdown(100), '0.1 s');
    assert.strictEqual(spokenCountdown(500), '0.5 s');
    assert.strictEqual(spokenCountdown(430), '0.5 s');
    assert.strictEqual(spokenCountdown(1), '0.1 s');
  });

  it('rounds up to whole seconds from a second on, and never goes below zero', () => {
    assert.strictEqual(spokenCountdown(1000), '1 s');
    assert.strictEqual(spokenCountdown(8_200), '9 s');
    assert.strictEqual(spokenCountdown(59_001), '1 min');
    assert.strictEqual(spokenCountdown(-50), '0 s');
  });
});
