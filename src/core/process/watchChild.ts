import { LineSplitter } from './lineSplitter';
import { describeSpawnError } from './messages';
import type { OutputStream } from './outputTypes';
import type { ChildHandle } from './spawnChild';
import type { ExitInfo } from './states';

export interface ChildEvents {
  /** Whole lines read from a stream, in UTF-8: `bytes` holds `lineCount` of them, each ended by "\n". */
  output(stream: OutputStream, bytes: Buffer, lineCount: number): void;
  /** The OS created the process. */
  spawned(): void;
  /** The root process exited; members of its group, or escapees, may still hold the pipes. */
  exited(): void;
  /**
   * Called once: stdout/stderr closed (every line already handed to `output`), the spawn failed
   * (`exit` undefined, `spawnError` says why), or `endSoon` gave up waiting for the pipes.
   */
  ended(exit: ExitInfo | undefined, spawnError: string | undefined): void;
}

export interface WatchedChild {
  /** Stops reading the pipes, so a child that keeps printing blocks on write instead of filling our memory. */
  pause(): void;
  resume(): void;
  /**
   * Once the root has exited and its tree is gone: the pipes get `ms` more of reading to close. A
   * process that left the tree unseen (it scrubbed its environment) would otherwise hold them, and
   * the run would never end. While paused the clock stands still, so no line a slow sink has not
   * taken yet is thrown away.
   */
  endSoon(ms: number): void;
}

/** Turns a child's streams and events into whole lines and one ending, whatever order Node reports them in. */
export function watchChild(child: ChildHandle, file: string, events: ChildEvents): WatchedChild {
  const stdout = new LineSplitter((bytes, lineCount) => events.output('stdout', bytes, lineCount));
  const stderr = new LineSplitter((bytes, lineCount) => events.output('stderr', bytes, lineCount));
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  let spawned = false;
  let ended = false;
  let exit: ExitInfo | undefined;
  let paused = false;
  /** How long the pipes still get once `endSoon` was called; the clock runs only while we read. */
  let closeGraceMs: number | undefined;
  let giveUp: NodeJS.Timeout | undefined;
  const armGiveUp = (): void => {
    if (ended || giveUp || paused || closeGraceMs === undefined) return;
    giveUp = setTimeout(() => {
      // What was read is delivered; what an unseen holder may still write is not ours to wait for.
      child.stdout?.destroy();
      child.stderr?.destroy();
      end(undefined);
    }, closeGraceMs);
  };
  const end = (spawnError: string | undefined): void => {
    if (ended) return;
    ended = true;
    clearTimeout(giveUp);
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
    if (!spawned) end(describeSpawnError(error, file));
  });
  child.on('exit', (code: number | null, signal: NodeJS.Signals | null) => {
    exit = { code, signal };
    events.exited();
  });
  // 'close' comes after the exit and the end of stdout/stderr, so no output is missed.
  child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
    exit ??= { code, signal };
    end(undefined);
  });
  return {
    pause: () => {
      paused = true;
      // Output still waiting in a paused pipe is not a hung holder: no giving up on it meanwhile.
      clearTimeout(giveUp);
      giveUp = undefined;
      child.stdout?.pause();
      child.stderr?.pause();
    },
    resume: () => {
      paused = false;
      child.stdout?.resume();
      child.stderr?.resume();
      armGiveUp();
    },
    endSoon: (ms) => {
      closeGraceMs ??= ms;
      armGiveUp();
    },
  };
}
