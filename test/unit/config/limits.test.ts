import * as assert from 'assert';
import { brief, parse } from './parseHelpers';

const TOO_LONG = 'longer than the longest wait Procs can time (24.8 days)';

describe('config limits', () => {
  it('regression: a backoff of 600h is refused at its position', () => {
    const text = '{ "processes": {\n  "api": { "command": "x", "backoff": ["1s", "600h"] } } }';
    const result = parse(text);
    assert.strictEqual(result.config, undefined);
    assert.deepStrictEqual(result.problems.map(brief), [
      { severity: 'error', line: 2, column: 46, path: 'processes.api.backoff[1]', message: `processes.api.backoff[1]: ${TOO_LONG}` },
    ]);
  });

  it('regression: a duration of 2^31 ms or more (a Node timer would fire after 1 ms) is refused in every duration field', () => {
    const text = JSON.stringify({
      processes: {
        api: { command: 'x', backoff: [2 ** 31], resetAfter: '596.6h', stop: { timeout: 2 ** 31 + 0.4 } },
        web: { command: 'x', backoff: [2 ** 31 - 1], resetAfter: '596h', stop: { timeout: '35791m' } },
        // 400 digits: Infinity milliseconds once multiplied, which a timer treats as 1 ms too.
        docs: { command: 'x', backoff: [`${'9'.repeat(400)}h`] },
      },
    });
    const result = parse(text);
    assert.deepStrictEqual(
      result.problems.map((p) => [p.path, p.message, p.offset]),
      [
        ['processes.api.backoff[0]', '2147483648'],
        ['processes.api.resetAfter', '"596.6h"'],
        ['processes.api.stop.timeout', '2147483648.4'],
        ['processes.docs.backoff[0]', '"999'],
      ].map(([jsonPath, written]) => [jsonPath, `${jsonPath}: ${TOO_LONG}`, text.indexOf(written)]),
    );
  });

  it('regression: instances above 100 are refused at their position, and 100 are accepted', () => {
    const text = '{ "processes": {\n  "api": { "command": "x", "instances": 1000000 },\n  "web": { "command": "x", "instances": 100 } } }';
    assert.deepStrictEqual(parse(text).problems.map(brief), [
      {
        severity: 'error',
        line: 2,
        column: 41,
        path: 'processes.api.instances',
        message: 'processes.api.instances: must be an integer from 1 to 100',
      },
    ]);
  });

  it('regression: a config nested 100,000 levels deep is one error where level 101 opens, not a stack overflow', () => {
    const text = `{ "processes": {},\n  "extra": ${'['.repeat(100_000)} }`;
    const result = parse(text);
    assert.strictEqual(result.config, undefined);
    // The outer object is level 1, so the 100th `[` opens level 101.
    const offset = text.indexOf('[') + 99;
    assert.deepStrictEqual(result.problems.map(brief), [
      { severity: 'error', line: 2, column: offset - text.indexOf('\n'), path: '', message: 'nested more than 100 levels deep' },
    ]);
    assert.strictEqual(result.problems[0].offset, offset);
  });

  it('parses 100 levels, and does not count brackets inside strings and comments', () => {
    const text = `{ "processes": { "api": { "command": "${'['.repeat(200)}" } }, // ${'{'.repeat(200)}\n "extra": ${'['.repeat(99)}${']'.repeat(99)} }`;
    const result = parse(text);
    assert.deepStrictEqual(result.problems.map((p) => p.message), ['extra: unknown key']);
    assert.ok(result.config);
  });
});
