import * as path from 'path';
import picomatch from 'picomatch';
import type { ProcessSpec } from '../config/types';

/** Folders whose churn never means "your code changed": installs and version control. */
const ALWAYS_IGNORED_DIRS = new Set(['node_modules', '.git']);

/**
 * Decides whether a changed file should restart this process. Globs are matched against the path
 * relative to the process's cwd, with dotfiles included. An `ignore` glob that matches a folder
 * ignores everything in it, like .gitignore; a glob with no wildcard (`src`, `dist/`) names that
 * file or folder and all in it. Every log file of the config (`logFiles`: each instance's, rotations
 * too) is always ignored, or writing a log would restart the process that writes it, or another.
 */
export function createWatchMatcher(spec: Pick<ProcessSpec, 'cwd' | 'watch' | 'ignore'>, logFiles: readonly string[] = []): (absPath: string) => boolean {
  if (spec.watch.length === 0) return () => false;
  const isWatched = picomatch(withFolders(spec.watch), { dot: true });
  const isIgnored = spec.ignore.length > 0 ? picomatch(withFolders(spec.ignore), { dot: true }) : () => false;
  const logs = logFiles.map((file) => path.resolve(file));

  return (absPath) => {
    const resolved = path.resolve(absPath);
    if (logs.some((logFile) => isLogFile(resolved, logFile))) return false;
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

/**
 * The folders a watcher must cover for a spec: its cwd, and the fixed start of each glob that
 * reaches outside it (`../shared/**` → `<cwd>/../shared`). Not a folder that holds cwd (`../**`):
 * watching it would walk the whole tree above the project.
 */
export function watchFolders(spec: Pick<ProcessSpec, 'cwd' | 'watch'>): string[] {
  if (spec.watch.length === 0) return [];
  const outside = spec.watch
    .map((glob) => path.resolve(spec.cwd, picomatch.scan(glob).base))
    .filter((folder) => path.relative(spec.cwd, folder).startsWith('..') && path.relative(folder, spec.cwd).startsWith('..'));
  return [spec.cwd, ...outside];
}

/** `dist/` as `dist`, and a path with no wildcard as itself and everything under it (`src`, `src/**`). */
function withFolders(globs: readonly string[]): string[] {
  return globs.flatMap((glob) => {
    const bare = glob.replace(/\/+$/, '');
    if (bare === '') return [glob];
    return picomatch.scan(bare).isGlob ? [bare] : [bare, `${bare}/**`];
  });
}

/** The log file itself or one of its rotations, `name.1`, `name.2`, … */
function isLogFile(absPath: string, logFile: string): boolean {
  if (absPath === logFile) return true;
  return absPath.startsWith(`${logFile}.`) && /^\d+$/.test(absPath.slice(logFile.length + 1));
}
