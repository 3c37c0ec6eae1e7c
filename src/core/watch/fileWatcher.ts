import * as path from 'path';
import { watch } from 'chokidar';
import type { Disposable } from '../events';

/** Folders never worth watching; skipping them at the folder saves walking (and watching) thousands of files. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** File events only: a new empty folder changes no code, and a deleted folder reports its files one by one. */
const REPORTED_EVENTS = new Set<string>(['add', 'change', 'unlink']);

export interface FileWatch extends Disposable {
  /** Settles once the initial scan is done; changes before then may be missed. */
  readonly ready: Promise<void>;
}

/**
 * Watches folders for the CLI (the VS Code face uses the editor's own watcher) and reports every
 * added, changed or deleted file. Uses native fs events, never polling, so an idle watch costs no CPU.
 * Watch errors (too many open files, a root that vanished) go to `onError`; watching is best effort.
 */
export function watchFiles(roots: string[], onChange: (absPath: string) => void, onError?: (error: unknown) => void): FileWatch {
  const watcher = watch(roots, {
    ignoreInitial: true,
    usePolling: false,
    // A link is watched as the file it is, never followed: `ln -s . w/self` would otherwise be
    // walked without end, burning CPU and memory on one folder seen under ever longer paths.
    followSymlinks: false,
    // Called for folders before descending into them, so an ignored folder is never walked.
    ignored: (p) => SKIPPED_DIRS.has(path.basename(p)),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.on('all', (event, p) => {
    // chokidar types the argument loosely (path or Error); file events always carry a path.
    if (REPORTED_EVENTS.has(event) && typeof p === 'string') onChange(path.resolve(p));
  });
  watcher.on('error', (error) => onError?.(error));
  return {
    ready,
    dispose: () => {
      watcher.close().catch((error: unknown) => onError?.(error));
    },
  };
}
