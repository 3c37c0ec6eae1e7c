import * as assert from 'assert';
import { brief, marks as problemsOf, parse } from './parseHelpers';

describe('config dependencies and before', () => {
  it('reads the list form as "ready" and the object form with its conditions, a repeated name once', () => {
    const text = JSON.stringify({
      processes: {
        db: { command: 'x' },
        migrate: { command: 'x', dependsOn: ['db', 'db'] },
        api: { command: 'x', dependsOn: { db: 'started', migrate: 'done', cache: 'ready' } },
        cache: { command: 'x', dependsOn: [] },
      },
    });
    const result = parse(text);
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(
      result.config?.processes.map((p) => [p.name, p.dependsOn]),
      [
        ['db', []],
        ['migrate', [{ name: 'db', condition: 'ready' }]],
        [
          'api',
          [
            { name: 'db', condition: 'started' },
            { name: 'migrate', condition: 'done' },
            { name: 'cache', condition: 'ready' },
          ],
        ],
        ['cache', []],
      ],
    );
  });

  it('reads before as a string or an array, like command', () => {
    const text = JSON.stringify({ processes: { a: { command: 'x', before: 'npm run build' }, b: { command: 'x', before: ['tsc', '-p', '.'] } } });
    assert.deepStrictEqual(
      parse(text).config?.processes.map((p) => p.before),
      ['npm run build', ['tsc', '-p', '.']],
    );
  });

  it('refuses a blank before as it refuses a blank command', () => {
    const text = JSON.stringify({ processes: { a: { command: 'x', before: '  ' }, b: { command: 'x', before: [' ', 'x'] } } });
    assert.deepStrictEqual(problemsOf(text), [
      ['processes.a.before', 'must be a non-blank string or a non-empty array of strings', '"  "'],
      ['processes.b.before[0]', 'must name the program to run; it is blank', '" "'],
    ]);
  });

  it('refuses an unknown name at the name, in either form, and says when it is a group', () => {
    const text = JSON.stringify({
      processes: { api: { command: 'x', dependsOn: ['db'], group: 'back' }, web: { command: 'x', dependsOn: { api: 'ready', back: 'done' } } },
    });
    assert.deepStrictEqual(problemsOf(text), [
      ['processes.api.dependsOn[0]', 'no process named "db"', '"db"'],
      ['processes.web.dependsOn.back', '"back" is a group; name its processes', '"back"'],
    ]);
  });

  it('refuses a bad condition or a bad name', () => {
    const text = JSON.stringify({
      processes: { db: { command: 'x' }, api: { command: 'x', dependsOn: { db: 'healthy' } }, web: { command: 'x', dependsOn: ['a b'] } },
    });
    assert.deepStrictEqual(problemsOf(text), [
      ['processes.api.dependsOn.db', 'must be one of ready, started, done', '"healthy"'],
      ['processes.web.dependsOn[0]', 'not a valid name (use letters, digits, -, _, . and :)', '"a b"'],
    ]);
  });

  it('names a cycle in full at the dependsOn entry of its process written first', () => {
    const text = [
      '{ "processes": {',
      '  "web": { "command": "x", "dependsOn": ["api"] },',
      '  "api": { "command": "x", "dependsOn": ["db", "worker"] },',
      '  "db": { "command": "x" },',
      '  "worker": { "command": "x", "dependsOn": { "api": "started" } } } }',
    ].join('\n');
    assert.deepStrictEqual(parse(text).problems.map(brief), [
      {
        severity: 'error',
        line: 3,
        column: 48,
        path: 'processes.api.dependsOn[1]',
        message: 'processes.api.dependsOn[1]: dependency cycle: api → worker → api',
      },
    ]);
    assert.strictEqual(parse(text).config, undefined);
  });

  it('refuses a process that depends on itself, and reports each separate cycle once', () => {
    const text = JSON.stringify({
      processes: {
        a: { command: 'x', dependsOn: ['b'] },
        b: { command: 'x', dependsOn: ['c'] },
        c: { command: 'x', dependsOn: ['b', 'a'] },
        self: { command: 'x', dependsOn: { self: 'ready' } },
      },
    });
    assert.deepStrictEqual(problemsOf(text), [
      ['processes.a.dependsOn[0]', 'dependency cycle: a → b → c → a', '"b"'],
      ['processes.self.dependsOn.self', 'dependency cycle: self → self', '"self"'],
    ]);
  });

  it('accepts a dependency on a process with instances', () => {
    const text = JSON.stringify({ processes: { web: { command: 'x', instances: 3 }, proxy: { command: 'x', dependsOn: ['web'] } } });
    const result = parse(text);
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(result.config?.processes[1].dependsOn, [{ name: 'web', condition: 'ready' }]);
  });
});
