import * as path from 'path';
import picomatch from 'picomatch';
import type { ProcessSpec } from '../config/types';

/** Folders whose churn never means "your code changed": installs and version control. */
const ALWAYS_IGNORED_DIRS = new Set(['node_modules', '.git']);

/**
 * Decides whether a changed file should restart this process. Globs are matched against the path
 * relative to the process's cwd, with dotfiles included. An `ignore` glob that matches a folder
 * ignores everything in it, like .gitignore. The process's own log file and its rotations are
 * always ignored, or writing the log would restart the process that writes it.
 */
export function createWatchMatcher(spec: Pick<ProcessSpec, 'cwd' | 'watch' | 'ignore' | 'output'>): (absPath: string) => boolean {
  if (spec.watch.length === 0) return () => false;
  const isWatched = picomatch(spec.watch, { dot: true });
  const isIgnored = spec.ignore.length > 0 ? picomatch(spec.ignore, { dot: true }) : () => false;
  const logFile = spec.output.logFile === undefined ? undefined : path.resolve(spec.output.logFile);

  return (absPath) => {
    const resolved = path.resolve(absPath);
    if (logFile !== undefined && isLogFile(resolved, logFile)) return false;
    // Outside cwd the relative path starts with "..": `**` never matches that, so only globs written with "../" can.
    const relative = path.relative(spec.cwd, resolved).split(path.sep).join('/');
    if (relative === '' || path.isAbsolute(relative)) return false;
    const parts = relative.split('/');
    if (parts.some((part) => ALWAYS_IGNORED_DIRS.has(part))) return false;
    if (!isWatched(relative)) return false;
    for (let depth = 1; depth <= parts.length; depth++) {
      if (isIgnored(parts.slice(0, depth).join('/'))) return false;
    }
    return true;
  };
}

/** The log file itself or one of its rotations, `name.1`, `name.2`, … */
function isLogFile(absPath: string, logFile: string): boolean {
  if (absPath === logFile) return true;
  return absPath.startsWith(`${logFile}.`) && /^\d+$/.test(absPath.slice(logFile.length + 1));
}
