import * as assert from 'assert';
import { spokenDelay } from '../../../src/core/process/messages';

describe('spokenDelay', () => {
  it('says each step of the default backoff schedule in its own unit', () => {
    const schedule = [100, 500, 1000, 10_000, 30_000, 60_000, 300_000, 900_000];
    assert.deepStrictEqual(schedule.map(spokenDelay), ['100 ms', '500 ms', '1 s', '10 s', '30 s', '1 min', '5 min', '15 min']);
  });

  it('keeps one decimal where that is exact, and falls to a smaller unit where it is not', () => {
    assert.strictEqual(spokenDelay(1500), '1.5 s');
    assert.strictEqual(spokenDelay(90_000), '1.5 min');
    assert.strictEqual(spokenDelay(61_000), '61 s');
    assert.strictEqual(spokenDelay(1234), '1234 ms');
    assert.strictEqual(spokenDelay(7_200_000), '2 h');
    assert.strictEqual(spokenDelay(0), '0 ms');
  });
});
