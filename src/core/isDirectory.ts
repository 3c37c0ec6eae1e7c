import { statSync, type Stats } from 'fs';

/** Whether a folder exists at `absPath`; false for anything that cannot be stat'ed (missing, ENOTDIR, EACCES). */
export function isDirectory(absPath: string): boolean {
  try {
    return statSync(absPath).isDirectory();
  } catch {
    return false;
  }
}

/** What a path holds, following links; 'other' is a FIFO, socket or device, which must never be opened blindly. */
export type PathKind = 'missing' | 'file' | 'directory' | 'other';

/** Like isDirectory, but tells a file from a folder from neither; 'missing' for anything that cannot be stat'ed. */
export function pathKind(absPath: string): PathKind {
  try {
    return kindOf(statSync(absPath));
  } catch {
    return 'missing';
  }
}

export function kindOf(stats: Stats): PathKind {
  if (stats.isFile()) return 'file';
  return stats.isDirectory() ? 'directory' : 'other';
}
