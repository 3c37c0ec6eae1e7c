import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { findConfigFile, loadConfig } from '../../../src/core/config/loadConfig';
import type { ConfigProblem } from '../../../src/core/config/types';

describe('loadConfig', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'procs-config-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads the config and its env files from disk', async () => {
    await writeFile(path.join(folder, '.procs.json'), '{ "envFile": ".env", "processes": { "api": { "command": "x" } } }');
    await writeFile(path.join(folder, '.env'), 'TOKEN=abc');
    const file = await findConfigFile(folder);
    assert.strictEqual(file, path.join(folder, '.procs.json'));
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(result.config?.processes[0].env, { TOKEN: 'abc' });
    assert.strictEqual(result.config?.root, folder);
  });

  it('reports a missing env file', async () => {
    await writeFile(path.join(folder, '.procs.json'), '{ "envFile": ".env", "processes": {} }');
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(
      result.problems.map((p) => p.message),
      [`envFile not found: ${path.join(folder, '.env')}`],
    );
  });

  it('warns of a cwd that is not a folder on disk, and of none that is', async () => {
    await mkdir(path.join(folder, 'api'));
    const processes = { api: { command: 'x', cwd: 'api' }, web: { command: 'y', cwd: 'web' } };
    await writeFile(path.join(folder, '.procs.json'), JSON.stringify({ processes }));
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.message]),
      [['warning', `processes.web.cwd: folder not found: ${path.join(folder, 'web')}`]],
    );
    assert.strictEqual(result.config?.processes.length, 2);
  });

  it('regression: a cwd that is a regular file says "is a file, not a folder", not "folder not found"', async () => {
    await writeFile(path.join(folder, 'notes.txt'), '');
    await writeFile(path.join(folder, '.procs.json'), '{ "processes": {\n  "docs": { "command": "z", "cwd": "notes.txt" } } }');
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.line, p.column, p.message]),
      [['warning', 2, 36, `processes.docs.cwd: is a file, not a folder: ${path.join(folder, 'notes.txt')}`]],
    );
  });

  it('regression: a logFile whose folder passes through a regular file warns at the logFile value', async () => {
    await writeFile(path.join(folder, 'notes.txt'), '');
    const processes = {
      api: { command: 'x', output: { logFile: 'notes.txt/api.log' } },
      web: { command: 'x', cwd: 'web', output: { logFile: '../notes.txt/deep/web.log' } },
      ok: { command: 'x', output: { logFile: 'logs/new/ok.log' } },
    };
    await mkdir(path.join(folder, 'web'));
    const text = JSON.stringify({ processes });
    await writeFile(path.join(folder, '.procs.json'), text);
    const result = await loadConfig(path.join(folder, '.procs.json'));
    const notes = path.join(folder, 'notes.txt');
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.message, text.slice(p.offset, p.offset + p.length)]),
      [
        ['warning', `processes.api.output.logFile: cannot create log file ${notes}/api.log: ${notes} is a file`, '"notes.txt/api.log"'],
        ['warning', `processes.web.output.logFile: cannot create log file ${notes}/deep/web.log: ${notes} is a file`, '"../notes.txt/deep/web.log"'],
      ],
    );
    assert.ok(result.config, 'warnings only');
  });

  it('regression: check said ok for a program that is not on PATH or not executable, and a logFile that is a folder', async () => {
    await writeFile(path.join(folder, 'plain.sh'), 'echo hi', { mode: 0o644 });
    await writeFile(path.join(folder, 'runs.sh'), 'echo hi', { mode: 0o755 });
    await mkdir(path.join(folder, 'logs'));
    await mkdir(path.join(folder, 'node_modules', '.bin'), { recursive: true });
    await writeFile(path.join(folder, 'node_modules', '.bin', 'localtool'), 'echo hi', { mode: 0o755 });
    const processes = {
      missing: { command: ['procs-no-such-program-zz', '--flag'] },
      plain: { command: ['./plain.sh'] },
      folderLog: { command: ['./runs.sh'], output: { logFile: 'logs' } },
      onPath: { command: ['node', '-v'] },
      // The project's bin folder comes first on a process's PATH, as for npm scripts.
      local: { command: ['localtool'] },
      // Instances write logs.1 and logs.2, beside the folder.
      instances: { command: ['./runs.sh'], instances: 2, output: { logFile: 'logs' } },
      shell: { command: 'procs-no-such-program-zz' },
    };
    const text = JSON.stringify({ processes });
    await writeFile(path.join(folder, '.procs.json'), text);
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.path, text.slice(p.offset, p.offset + p.length)]),
      [
        ['warning', 'processes.missing.command[0]', '"procs-no-such-program-zz"'],
        ['warning', 'processes.plain.command[0]', '"./plain.sh"'],
        ['warning', 'processes.folderLog.output.logFile', '"logs"'],
      ],
    );
    assert.ok(result.config, 'warnings only: the program may be installed, the folder moved, before a start');
  });

  it('regression: an envFile that is a FIFO is an error, not a read that blocks forever', async () => {
    execFileSync('mkfifo', [path.join(folder, '.env')]);
    await writeFile(path.join(folder, '.procs.json'), '{ "envFile": ".env", "processes": {} }');
    const result = await loadConfig(path.join(folder, '.procs.json'));
    assert.deepStrictEqual(
      result.problems.map((p) => [p.severity, p.message]),
      [['error', `envFile is not a regular file: ${path.join(folder, '.env')}`]],
    );
  });

  it('regression: a FIFO or a folder given as the config is refused as not a regular file instead of hanging', async () => {
    const fifo = path.join(folder, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, folder]) {
      // Settles without anyone writing to the FIFO: reading it would wait for a writer forever.
      const result = await loadConfig(file);
      assert.deepStrictEqual(result.problems, [wholeFile(file, `config file is not a regular file: ${file}`)]);
    }
  });

  it('regression: a UTF-16 config is one error naming the encoding, not an "unexpected character" per character', async () => {
    const file = path.join(folder, '.procs.json');
    const text = '{ "processes": { "api": { "command": "x" } } }';
    const littleEndian = Buffer.from(text, 'utf16le');
    const bigEndian = Buffer.from(littleEndian).swap16();
    const mark = (bytes: Buffer, bom: number[]): Buffer => Buffer.concat([Buffer.from(bom), bytes]);
    for (const bytes of [mark(littleEndian, [0xff, 0xfe]), mark(bigEndian, [0xfe, 0xff]), littleEndian, bigEndian]) {
      await writeFile(file, bytes);
      assert.deepStrictEqual((await loadConfig(file)).problems, [wholeFile(file, '.procs.json is UTF-16; save it as UTF-8')]);
    }
  });

  it('regression: a config saved with a UTF-8 byte order mark loads, with positions as an editor shows them', async () => {
    const file = path.join(folder, '.procs.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "processes": { "api": { "command": "x", "colour": 1 } } }')]));
    const result = await loadConfig(file);
    assert.deepStrictEqual(result.problems.map((p) => [p.line, p.column, p.message]), [[1, 43, 'processes.api.colour: unknown key']]);
    assert.strictEqual(result.config?.processes[0].command, 'x');
  });

  it('reports a missing config file as one problem at 1:1', async () => {
    const file = path.join(folder, '.procs.json');
    assert.strictEqual(await findConfigFile(folder), undefined);
    const result = await loadConfig(file);
    assert.strictEqual(result.config, undefined);
    assert.deepStrictEqual(result.problems, [wholeFile(file, `config file not found: ${file}`)]);
  });
});

/** A problem with the file as a whole, at 1:1. */
function wholeFile(file: string, message: string): ConfigProblem {
  return { severity: 'error', file, line: 1, column: 1, offset: 0, length: 0, path: '', message, kind: 'procs' };
}
