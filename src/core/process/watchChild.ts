import { LineSplitter } from './lineSplitter';
import { describeSpawnError } from './messages';
import type { OutputStream } from './outputTypes';
import type { ChildHandle } from './spawnChild';
import type { ExitInfo } from './states';

export interface ChildEvents {
  line(stream: OutputStream, text: string): void;
  /** The OS created the process. */
  spawned(): void;
  /** The root process exited; members of its group may still hold the pipes. */
  exited(): void;
  /**
   * Called once: stdout/stderr closed (every line already handed to `line`), or the
   * spawn failed (`exit` undefined, `spawnError` says why).
   */
  ended(exit: ExitInfo | undefined, spawnError: string | undefined): void;
}

/** Turns a child's streams and events into whole lines and one ending, whatever order Node reports them in. */
export function watchChild(child: ChildHandle, file: string, events: ChildEvents): void {
  const stdout = new LineSplitter((text) => events.line('stdout', text));
  const stderr = new LineSplitter((text) => events.line('stderr', text));
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  let spawned = false;
  let ended = false;
  const end = (exit: ExitInfo | undefined, spawnError: string | undefined): void => {
    if (ended) return;
    ended = true;
    stdout.flush();
    stderr.flush();
    events.ended(exit, spawnError);
  };
  child.on('spawn', () => {
    spawned = true;
    events.spawned();
  });
  // Before 'spawn' this is ENOENT/EACCES; later ones (a failed kill) change nothing we track.
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (!spawned) end(undefined, describeSpawnError(error, file));
  });
  child.on('exit', () => events.exited());
  // 'close' comes after the exit and the end of stdout/stderr, so no output is missed.
  child.on('close', (code: number | null, signal: NodeJS.Signals | null) => end({ code, signal }, undefined));
}
