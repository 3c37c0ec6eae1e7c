import { readFile, stat } from 'fs/promises';
import * as path from 'path';
import { kindOf } from '../isDirectory';
import { diskFiles } from './configFiles';
import { isUtf16 } from './encoding';
import { parseConfig } from './parseConfig';
import type { ConfigProblem, ConfigResult } from './types';

export const CONFIG_FILE_NAME = '.procs.json';

/**
 * How long a change to the file must be the last before it is read: a save may empty the file and
 * then write it (an editor's plain write, `sed … > .procs.json`), and a read between the two finds
 * a syntax error that is not there.
 */
export const CONFIG_SETTLE_MS = 50;

/** `<folder>/.procs.json` when that file exists, else undefined: a folder without one has nothing to supervise. */
export async function findConfigFile(folder: string): Promise<string | undefined> {
  const file = path.join(path.resolve(folder), CONFIG_FILE_NAME);
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and parses a config file and its env files from disk. A missing file is a problem, not an exception. */
export async function loadConfig(file: string): Promise<ConfigResult> {
  const absFile = path.resolve(file);
  const fail = (message: string): ConfigResult => ({ config: undefined, problems: [wholeFileProblem(absFile, message)] });
  let bytes: Buffer;
  try {
    // Stat before reading: reading a FIFO waits for a writer, forever if none comes, and a folder cannot be read.
    if (kindOf(await stat(absFile)) !== 'file') return fail(`config file is not a regular file: ${absFile}`);
    bytes = await readFile(absFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `config file not found: ${absFile}` : `cannot read config file ${absFile} (${code ?? String(error)})`);
  }
  if (isUtf16(bytes)) return fail(`${path.basename(absFile)} is UTF-16; save it as UTF-8`);
  return parseConfig(bytes.toString('utf8'), absFile, diskFiles);
}

function wholeFileProblem(file: string, message: string): ConfigProblem {
  return { severity: 'error', file, line: 1, column: 1, offset: 0, length: 0, path: '', message, kind: 'procs' };
}
