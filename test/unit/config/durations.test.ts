import * as assert from 'assert';
import schema from '../../../schemas/procs.schema.json';
import { DURATION_PATTERN, PERCENT_PATTERN, SIZE_PATTERN, durationLimitProblem, parseDuration, parsePercent, parseSize } from '../../../src/core/config/durations';

describe('durations and sizes', () => {
  it('reads durations in ms, s, m, h, with decimals, and plain milliseconds', () => {
    assert.strictEqual(parseDuration('250ms'), 250);
    assert.strictEqual(parseDuration('5s'), 5000);
    assert.strictEqual(parseDuration('1.5s'), 1500);
    assert.strictEqual(parseDuration('2m'), 120_000);
    assert.strictEqual(parseDuration('1h'), 3_600_000);
    assert.strictEqual(parseDuration(0), 0);
    assert.strictEqual(parseDuration(1234), 1234);
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['5', '5 s', '5sec', '-1s', 's', '', '1.s', -5, Number.NaN, Infinity, null, true, ['1s']]) {
      assert.strictEqual(parseDuration(bad), undefined, `accepted ${String(bad)}`);
    }
  });

  it('reads nothing longer than a Node timer can hold (2^31 - 1 ms), and says why', () => {
    assert.strictEqual(parseDuration(2 ** 31 - 1), 2 ** 31 - 1);
    assert.strictEqual(durationLimitProblem(2 ** 31 - 1), undefined);
    for (const long of [2 ** 31, '596.6h', '35792m']) {
      assert.strictEqual(parseDuration(long), undefined, `accepted ${long}`);
      assert.match(durationLimitProblem(long) ?? '', /longer than the longest wait/);
    }
    assert.strictEqual(durationLimitProblem('soon'), undefined, 'a malformed duration is the schema\'s to report');
  });

  it('reads sizes 1024-based', () => {
    assert.strictEqual(parseSize('512KB'), 512 * 1024);
    assert.strictEqual(parseSize('10MB'), 10 * 1024 * 1024);
    assert.strictEqual(parseSize('1GB'), 1024 ** 3);
    assert.strictEqual(parseSize('1.5KB'), 1536);
    assert.strictEqual(parseSize('100B'), 100);
    assert.strictEqual(parseSize(2048), 2048);
    assert.strictEqual(parseSize('10mb'), undefined);
    assert.strictEqual(parseSize('10'), undefined);
  });

  it('uses the same patterns as the schema, so the editor and the parser agree', () => {
    assert.strictEqual(schema.definitions.duration.oneOf[1].pattern, DURATION_PATTERN.source);
    assert.strictEqual(schema.definitions.size.oneOf[1].pattern, SIZE_PATTERN.source);
    assert.strictEqual(schema.definitions.percentage.oneOf[1].pattern, PERCENT_PATTERN.source);
  });

  it('parses percentages written with % or as numbers', () => {
    assert.strictEqual(parsePercent('90%'), 90);
    assert.strictEqual(parsePercent('150.5%'), 150.5);
    assert.strictEqual(parsePercent(75), 75);
    assert.strictEqual(parsePercent('90'), undefined);
    assert.strictEqual(parsePercent('-5%'), undefined);
  });
});
