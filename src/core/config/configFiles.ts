import { readFileSync } from 'fs';
import * as path from 'path';
import { findOnPath, isExecutableFile } from '../process/resolveOnPath';
import { pathKind, type PathKind } from '../isDirectory';

/** What parsing a config needs to know of the files beside it; passed in so parseConfig stays pure. */
export interface ConfigFiles {
  /** An env file's text, or undefined when it cannot be read. Only called for a regular file (see kind). */
  readText(absPath: string): string | undefined;
  /** What is at a path: a working directory, an env file, a log file's folder. */
  kind(absPath: string): PathKind;
  /** Whether `file` names a program that can run: a path from `cwd`, or a bare name on `searchPath`. */
  runs(file: string, searchPath: string | undefined, cwd: string): boolean;
}

/** The disk, read synchronously: env files are small and few, and it keeps parseConfig synchronous. */
export const diskFiles: ConfigFiles = {
  readText(absPath) {
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  kind: pathKind,
  runs(file, searchPath, cwd) {
    // Windows finds programs by PATHEXT too, which the search here does not know: no warning there.
    if (process.platform === 'win32') return true;
    if (file.includes('/')) return isExecutableFile(path.resolve(cwd, file));
    return searchPath === undefined || findOnPath(file, searchPath, cwd) !== undefined;
  },
};
