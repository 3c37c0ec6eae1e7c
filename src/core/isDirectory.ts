import { statSync } from 'fs';

/** Whether a folder exists at `absPath`; false for anything that cannot be stat'ed (missing, ENOTDIR, EACCES). */
export function isDirectory(absPath: string): boolean {
  try {
    return statSync(absPath).isDirectory();
  } catch {
    return false;
  }
}
