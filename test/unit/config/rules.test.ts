import * as assert from 'assert';
import * as path from 'path';
import { brief, parse, ROOT } from './parseHelpers';

describe('config rules', () => {
  it('regression: an empty or blank command ("", "  ", [""], ["  ", …]) fails at its position', () => {
    const commands = { a: { command: '' }, b: { command: ' \t' }, c: { command: [''] }, d: { command: ['  ', '--flag'] } };
    const text = JSON.stringify({ processes: commands });
    const result = parse(text);
    assert.strictEqual(result.config, undefined);
    const whole = 'must be a non-blank string or a non-empty array of strings';
    const program = 'must name the program to run; it is blank';
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.message, text.slice(p.offset, p.offset + p.length)]),
      [
        ['error', `processes.a.command: ${whole}`, '""'],
        ['error', `processes.b.command: ${whole}`, '" \\t"'],
        ['error', `processes.c.command[0]: ${program}`, '""'],
        ['error', `processes.d.command[0]: ${program}`, '"  "'],
      ],
    );
  });

  it('regression: a key written twice inside a process warns at the second key instead of silently taking the last', () => {
    const text = '{ "processes": {\n  "api": {\n    "command": "one",\n    "command": "two",\n    "env": { "A": "1", "A": "2" } } } }';
    const result = parse(text);
    assert.deepStrictEqual(result.problems.map(brief), [
      {
        severity: 'warning',
        line: 4,
        column: 5,
        path: 'processes.api.command',
        message: 'processes.api.command: written more than once; the last value is used',
      },
      {
        severity: 'warning',
        line: 5,
        column: 24,
        path: 'processes.api.env.A',
        message: 'processes.api.env.A: written more than once; the last value is used',
      },
    ]);
    assert.strictEqual(result.config?.processes[0].command, 'two');
  });

  it('regression: "processes" written twice uses the last one, with positions in it, instead of crashing', () => {
    const text = '{ "processes": { "old": { "command": "x" } },\n  "processes": { "api": { "command": "x", "restart": "sometimes" } } }';
    const result = parse(text);
    assert.deepStrictEqual(result.problems.map(brief), [
      { severity: 'warning', line: 2, column: 3, path: 'processes', message: 'processes: written more than once; the last value is used' },
      {
        severity: 'error',
        line: 2,
        column: 54,
        path: 'processes.api.restart',
        message: 'processes.api.restart: must be one of on-failure, always, never',
      },
    ]);
    const fixed = parse(text.replace('"sometimes"', '"always"'));
    assert.deepStrictEqual(fixed.config?.processes.map((p) => p.name), ['api']);
  });

  it('regression: a process named all or procs is refused at its key as a reserved name', () => {
    const text = '{ "processes": {\n  "all": { "command": "x" },\n  "procs": { "command": "x" } } }';
    assert.deepStrictEqual(parse(text).problems.map(brief), [
      {
        severity: 'error',
        line: 2,
        column: 3,
        path: 'processes.all',
        message: 'processes.all: "all" is reserved (it selects every process); choose another name',
      },
      {
        severity: 'error',
        line: 3,
        column: 3,
        path: 'processes.procs',
        message: 'processes.procs: "procs" is reserved (Procs prints its own lines under it); choose another name',
      },
    ]);
  });

  it('regression: a group named all or procs is refused at the group value as a reserved name', () => {
    const text = '{ "processes": {\n  "web": { "command": "x", "group": ["front", "all"] },\n  "api": { "command": "x", "group": "procs" } } }';
    assert.deepStrictEqual(
      parse(text).problems.map((p) => [p.severity, p.path, text.slice(p.offset, p.offset + p.length), p.message]),
      [
        ['error', 'processes.web.group[1]', '"all"', 'processes.web.group[1]: "all" is reserved (it selects every process); choose another name'],
        ['error', 'processes.api.group', '"procs"', 'processes.api.group: "procs" is reserved (Procs prints its own lines under it); choose another name'],
      ],
    );
  });

  it('regression: an env value with a NUL byte is an error at the value that names only the variable', () => {
    const text = '{ "env": { "TOKEN": "abc\\u0000hunter2" },\n  "processes": { "api": { "command": "x", "env": { "KEY": "s3cr3t\\u0000", "OK": 1 } } } }';
    const result = parse(text);
    assert.strictEqual(result.config, undefined);
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.path, text.slice(p.offset, p.offset + p.length), p.message]),
      [
        ['error', 'env.TOKEN', '"abc\\u0000hunter2"', 'env TOKEN contains a NUL byte'],
        ['error', 'processes.api.env.KEY', '"s3cr3t\\u0000"', 'env KEY contains a NUL byte'],
      ],
    );
  });

  it('regression: an env file value with a NUL byte is an error at the envFile value that names only the variable', () => {
    const text = '{ "processes": { "api": { "command": "x", "envFile": ".env.api" } } }';
    const result = parse(text, { files: { '.env.api': 'OK=1\nTOKEN="hunter2\0"\n' } });
    assert.strictEqual(result.config, undefined);
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.path, text.slice(p.offset, p.offset + p.length), p.message]),
      [['error', 'processes.api.envFile', '".env.api"', `envFile ${path.join(ROOT, '.env.api')}: env TOKEN contains a NUL byte`]],
    );
  });

  it('regression: a UTF-8 byte order mark is accepted, and positions after it are those an editor shows', () => {
    const text = '{ "processes": {\n  "api": { "command": "x", "restart": "sometimes" } } }';
    const withMark = parse(`\uFEFF${text}`).problems.map((p) => ({ ...brief(p), offset: p.offset }));
    assert.deepStrictEqual(withMark, [
      {
        severity: 'error',
        line: 2,
        column: 39,
        path: 'processes.api.restart',
        message: 'processes.api.restart: must be one of on-failure, always, never',
        offset: text.indexOf('"sometimes"'),
      },
    ]);
    assert.deepStrictEqual(parse('\uFEFF{ "processes": { "api": { "command": "x" } } }').problems, []);
  });
});
