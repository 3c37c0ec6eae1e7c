import * as assert from 'assert';
import * as path from 'path';
import { brief, FILE, parse, ROOT } from './parseHelpers';

describe('parseConfig', () => {
  describe('syntax', () => {
    it('reports a missing comma at the line and column of the next entry, with its path', () => {
      const text = ['{', '  "processes": {', '    "api": {', '      "command": "node a.js"', '      "cwd": "api"', '    }', '  }', '}'].join('\n');
      const result = parse(text);
      assert.strictEqual(result.config, undefined);
      assert.deepStrictEqual(result.problems.map(brief), [
        { severity: 'error', line: 5, column: 7, path: 'processes.api.cwd', message: 'expected a comma' },
      ]);
      assert.strictEqual(text.slice(result.problems[0].offset, result.problems[0].offset + 5), '"cwd"');
    });

    it('regression: one syntax mistake was reported as a cascade of errors after it', () => {
      const text = '{ "processes": { "api": { "command": "x", "env": { "SECRET": "abc\n" } } } }';
      assert.deepStrictEqual(parse(text).problems.map((p) => [p.line, p.message]), [[1, 'string is not closed']]);
    });

    it('counts CRLF line ends once', () => {
      const result = parse('{\r\n  "processes": {\r\n    "api": { "command": "x" } }\r\n  ]\r\n}');
      assert.deepStrictEqual(brief(result.problems[0]).line, 4);
      assert.deepStrictEqual(brief(result.problems[0]).column, 3);
    });

    it('reports an empty file', () => {
      const result = parse('');
      assert.strictEqual(result.config, undefined);
      assert.deepStrictEqual(result.problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'expected a value']]);
    });

    it('accepts comments and trailing commas', () => {
      const text = `// Procs
{
  /* block */ "processes": {
    "api": { "command": "node server.js", }, // trailing
  },
}`;
      const result = parse(text);
      assert.deepStrictEqual(result.problems, []);
      assert.strictEqual(result.config?.processes[0].name, 'api');
    });
  });

  describe('schema', () => {
    it('reports a bad enum and a wrong type at the value, with path and plain words', () => {
      const text = ['{', '  "processes": {', '    "api": {', '      "command": "x",', '      "restart": "sometimes",', '      "autostart": "yes"', '    }', '  }', '}'].join('\n');
      const result = parse(text);
      assert.strictEqual(result.config, undefined);
      assert.deepStrictEqual(result.problems.map(brief), [
        {
          severity: 'error',
          line: 5,
          column: 18,
          path: 'processes.api.restart',
          message: 'processes.api.restart: must be one of on-failure, always, never',
        },
        { severity: 'error', line: 6, column: 20, path: 'processes.api.autostart', message: 'processes.api.autostart: must be a boolean' },
      ]);
      assert.strictEqual(result.problems[0].length, '"sometimes"'.length);
    });

    it('reports a missing command at the process name', () => {
      const text = '{ "processes": {\n  "api": { "cwd": "x" } } }';
      assert.deepStrictEqual(parse(text).problems.map(brief), [
        { severity: 'error', line: 2, column: 3, path: 'processes.api.command', message: 'processes.api.command: is required' },
      ]);
    });

    it('says what durations, integers, names and groups look like', () => {
      const text = JSON.stringify({
        processes: {
          api: { command: 'x', instances: 0, backoff: ['1s', 200, 'soon'], maxRestarts: -1, stop: { timeout: '5 s' }, group: ['ok', 'not ok'] },
          'bad name': { command: ['node', 3] },
          web: { command: 'x', group: 3, output: { maxLogSize: '10 MB', keepLogs: 1.5 } },
        },
      });
      assert.deepStrictEqual(
        parse(text).problems.map((p) => p.message),
        [
          'processes.api.instances: must be an integer from 1 to 100',
          'processes.api.backoff[2]: not a duration (use 250ms, 5s, 2m, 1h or milliseconds)',
          'processes.api.maxRestarts: must be ≥ 0',
          'processes.api.stop.timeout: not a duration (use 250ms, 5s, 2m, 1h or milliseconds)',
          'processes.api.group[1]: not a valid name (use letters, digits, -, _, . and :)',
          'processes["bad name"]: not a valid name (use letters, digits, -, _, . and :)',
          'processes["bad name"].command[1]: must be a string',
          'processes.web.group: must be a group name or a list of group names',
          'processes.web.output.maxLogSize: not a size (use 512KB, 10MB, 1GB or bytes)',
          'processes.web.output.keepLogs: must be an integer ≥ 0',
        ],
      );
    });

    it('regression: an empty watch or ignore glob passed the check, then crashed procs up (and a reload orphaned every child)', () => {
      const text = JSON.stringify({ processes: { api: { command: 'x', watch: [''], ignore: ['dist', '', 'x'.repeat(65537)] } } });
      const result = parse(text);
      assert.strictEqual(result.config, undefined);
      assert.deepStrictEqual(
        result.problems.map((p) => [p.severity, p.path]),
        [
          ['error', 'processes.api.watch[0]'],
          ['error', 'processes.api.ignore[1]'],
          ['error', 'processes.api.ignore[2]'],
        ],
      );
    });

    it('treats unknown keys as warnings at the key and still loads the config', () => {
      const text = '{\n  "processes": {\n    "api": { "command": "x", "comand": "y" }\n  },\n  "extra": 1\n}';
      const result = parse(text);
      assert.deepStrictEqual(result.problems.map(brief), [
        { severity: 'warning', line: 3, column: 30, path: 'processes.api.comand', message: 'processes.api.comand: unknown key' },
        { severity: 'warning', line: 5, column: 3, path: 'extra', message: 'extra: unknown key' },
      ]);
      assert.strictEqual(result.config?.processes[0].command, 'x');
    });

    it('warns at the second of two processes with the same name, and uses the last', () => {
      const text = '{\n  "processes": {\n    "api": { "command": "one" },\n    "api": { "command": "two" }\n  }\n}';
      const result = parse(text);
      assert.deepStrictEqual(result.problems.map(brief), [
        {
          severity: 'warning',
          line: 4,
          column: 5,
          path: 'processes.api',
          message: 'processes.api: defined more than once; the last definition is used',
        },
      ]);
      assert.deepStrictEqual(result.config?.processes.map((p) => p.command), ['two']);
    });

    it('requires processes', () => {
      assert.deepStrictEqual(parse('{}').problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'processes: is required']]);
    });
  });

  describe('rules beyond the schema', () => {
    it('rejects a group named like a process', () => {
      const text = '{ "processes": {\n  "api": { "command": "x" },\n  "web": { "command": "x", "group": ["front", "api"] } } }';
      assert.deepStrictEqual(parse(text).problems.map(brief), [
        {
          severity: 'error',
          line: 3,
          column: 47,
          path: 'processes.web.group[1]',
          message: 'processes.web.group[1]: "api" is also a process name; give the group a name of its own',
        },
      ]);
    });

    it('reports a missing envFile at its value, with the absolute path', () => {
      const text = '{ "processes": {\n  "api": { "command": "x", "envFile": ".env.api" } } }';
      const result = parse(text);
      assert.strictEqual(result.config, undefined);
      assert.deepStrictEqual(result.problems.map(brief), [
        {
          severity: 'error',
          line: 2,
          column: 39,
          path: 'processes.api.envFile',
          message: `envFile not found: ${path.join(ROOT, '.env.api')}`,
        },
      ]);
    });

    it('warns about malformed env file lines by number, never by value', () => {
      const text = '{ "envFile": ".env", "processes": { "api": { "command": "x" } } }';
      const result = parse(text, { files: { '.env': 'GOOD=secret\nbroken secret line\n' } });
      assert.deepStrictEqual(result.problems.map((p) => [p.severity, p.path]), [['warning', 'envFile']]);
      assert.match(result.problems[0].message, /line 2 skipped/);
      assert.doesNotMatch(result.problems[0].message, /secret/);
      assert.deepStrictEqual(result.config?.processes[0].env, { GOOD: 'secret' });
    });

    it('warns at its value of a cwd that does not exist, and still applies the config', () => {
      const result = parse('{ "processes": {\n  "api": { "command": "x", "cwd": "missing/api" },\n  "web": { "command": "y", "cwd": "web" } } }', {
        folders: ['web'],
      });
      assert.deepStrictEqual(result.problems.map(brief), [
        {
          severity: 'warning',
          line: 2,
          column: 35,
          path: 'processes.api.cwd',
          message: `processes.api.cwd: folder not found: ${path.join(ROOT, 'missing/api')}`,
        },
      ]);
      assert.strictEqual(result.config?.processes[0].cwd, path.join(ROOT, 'missing/api'));
    });
  });

  describe('the resolved config', () => {
    it('applies defaults', () => {
      const result = parse('{ "processes": { "api": { "command": "node server.js" } } }');
      assert.deepStrictEqual(result.config, {
        file: FILE,
        root: ROOT,
        processes: [
          {
            name: 'api',
            command: 'node server.js',
            cwd: ROOT,
            env: {},
            groups: [],
            instances: 1,
            autostart: true,
            disabled: false,
            restart: 'on-failure',
            backoffMs: [100, 500, 1000, 10_000, 30_000, 60_000, 300_000, 900_000],
            resetAfterMs: 1_800_000,
            maxRestarts: null,
            watch: [],
            ignore: [],
            stop: { signal: 'SIGTERM', timeoutMs: 5000 },
            output: { color: false, stripAnsi: true, timestamps: false, logFile: undefined, maxLogSizeBytes: 10 * 1024 * 1024, keepLogs: 3 },
            stdin: false,
            statusBar: false,
            limits: undefined,
            ready: undefined,
            health: undefined,
            dependsOn: [],
            before: undefined,
            debug: false,
          },
        ],
      });
    });

    it('resolves every field written, with cwd and logFile made absolute', () => {
      const text = JSON.stringify({
        processes: {
          api: {
            command: ['node', 'server.js'],
            cwd: 'services/api',
            group: 'backend',
            instances: 2,
            autostart: false,
            disabled: true,
            restart: 'always',
            backoff: [],
            resetAfter: '1.5s',
            maxRestarts: 4,
            watch: ['src/**'],
            ignore: ['**/*.test.ts'],
            stop: { signal: 'SIGINT', timeout: 250 },
            output: { color: true, stripAnsi: false, timestamps: true, logFile: 'logs/api.log', maxLogSize: '512KB', keepLogs: 0 },
            stdin: true,
            statusBar: true,
          },
        },
      });
      const spec = parse(text).config?.processes[0];
      assert.ok(spec);
      assert.deepStrictEqual(spec.command, ['node', 'server.js']);
      assert.strictEqual(spec.cwd, path.join(ROOT, 'services/api'));
      assert.deepStrictEqual(spec.groups, ['backend']);
      assert.deepStrictEqual([spec.instances, spec.autostart, spec.disabled, spec.restart], [2, false, true, 'always']);
      assert.deepStrictEqual([spec.backoffMs, spec.resetAfterMs, spec.maxRestarts], [[], 1500, 4]);
      assert.deepStrictEqual(spec.stop, { signal: 'SIGINT', timeoutMs: 250 });
      assert.deepStrictEqual(spec.output, {
        color: true,
        stripAnsi: false,
        timestamps: true,
        logFile: path.join(ROOT, 'services/api/logs/api.log'),
        maxLogSizeBytes: 512 * 1024,
        keepLogs: 0,
      });
      assert.strictEqual(spec.statusBar, true);
      assert.strictEqual(spec.stdin, true);
    });

    it('merges env in order: top envFile, top env, process envFile, process env; numbers and booleans become strings', () => {
      const text = JSON.stringify({
        envFile: '.env',
        env: { B: 'top env', C: 'top env', PORT: 4000, DEBUG: true },
        processes: { api: { command: 'x', cwd: 'api', envFile: '.env.api', env: { D: 'process env' } }, web: { command: 'y' } },
      });
      const files = { '.env': 'A=top file\nB=top file\nC=top file\nD=top file', '.env.api': 'C=process file\nD=process file' };
      const [api, web] = parse(text, { files }).config?.processes ?? [];
      assert.deepStrictEqual(api.env, { A: 'top file', B: 'top env', C: 'process file', D: 'process env', PORT: '4000', DEBUG: 'true' });
      assert.deepStrictEqual(web.env, { A: 'top file', B: 'top env', C: 'top env', D: 'top file', PORT: '4000', DEBUG: 'true' });
    });

    it('rejects null and objects as env values', () => {
      const problems = parse('{ "env": { "A": null }, "processes": { "api": { "command": "x", "env": { "B": {} } } } }').problems;
      assert.deepStrictEqual(
        problems.map((p) => p.message),
        ['env.A: must be a string or a number or a boolean', 'processes.api.env.B: must be a string or a number or a boolean'],
      );
    });

    it('keeps processes in file order', () => {
      const names = parse('{ "processes": { "zeta": { "command": "x" }, "alpha": { "command": "x" }, "1": { "command": "x" } } }')
        .config?.processes.map((p) => p.name);
      // JavaScript orders integer-like keys first in objects; file order is still what we promise.
      assert.deepStrictEqual(names, ['zeta', 'alpha', '1']);
    });
  });
});
