import * as assert from 'assert';
import { brief, parse, problemsOfProcess as problemsOf, resolvedApi as resolved } from './parseHelpers';

describe('config limits', () => {
  it('reads memory as bytes, cpu as a percentage and `for` with a 30 s default', () => {
    assert.deepStrictEqual(resolved({ limits: { memory: '512MB', cpu: '90%' } }).limits, { memoryBytes: 512 * 1024 ** 2, cpuPercent: 90, forMs: 30_000 });
    assert.deepStrictEqual(resolved({ limits: { cpu: 150, for: '5s' } }).limits, { memoryBytes: undefined, cpuPercent: 150, forMs: 5000 });
    assert.strictEqual(resolved({}).limits, undefined);
  });

  it('marks a limit that is not a size or a percentage, and a `for` that is not a duration, at the value', () => {
    const text = '{\n  "processes": {\n    "api": {\n      "command": "x",\n      "limits": { "memory": "lots", "cpu": "90", "for": "soon" }\n    }\n  }\n}';
    const problems = parse(text).problems.map(brief);
    assert.deepStrictEqual(
      problems.map(({ path, line, column, severity }) => ({ path, line, column, severity })),
      [
        { path: 'processes.api.limits.memory', line: 5, column: 29, severity: 'error' },
        { path: 'processes.api.limits.cpu', line: 5, column: 44, severity: 'error' },
        { path: 'processes.api.limits.for', line: 5, column: 57, severity: 'error' },
      ],
    );
  });

  it('refuses zero limits and warns of limits that limit nothing', () => {
    assert.deepStrictEqual(problemsOf({ limits: { memory: 0, cpu: '0%' } }), [
      ['processes.api.limits.memory', 'must be more than 0', '0'],
      ['processes.api.limits.cpu', 'must be more than 0', '"0%"'],
    ]);
    assert.deepStrictEqual(problemsOf({ limits: {} }), [['processes.api.limits', 'sets neither memory nor cpu; nothing is limited', '"limits"']]);
    assert.deepStrictEqual(problemsOf({ limits: { memory: '1GB', for: '10s' } }), [['processes.api.limits.for', 'only a cpu limit waits; ignored', '"for"']]);
  });

  it('refuses an unknown key under limits', () => {
    assert.deepStrictEqual(problemsOf({ limits: { memory: '1GB', disk: '1GB' } }).map(([path]) => path), ['processes.api.limits.disk']);
  });
});
