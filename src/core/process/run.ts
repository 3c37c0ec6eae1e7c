import type { Clock } from '../clock';
import type { ProcessSpec } from '../config/types';
import type { KillTreeFn } from './killTree';
import type { OutputStream } from './outputTypes';
import { newRunToken, RUN_VAR, runMarker } from './runMarks';
import { spawnChild, type ChildHandle, type SpawnFn } from './spawnChild';
import type { ExitInfo } from './states';
import { watchChild, type WatchedChild } from './watchChild';

export interface RunDeps {
  clock: Clock;
  spawn: SpawnFn;
  killTree: KillTreeFn;
}

export interface RunSinks {
  /** Whole lines read from a stream, in UTF-8: `bytes` holds `lineCount` of them, each ended by "\n". */
  output(stream: OutputStream, bytes: Buffer, lineCount: number): void;
  /** The OS created the process (not called for a run whose stop was already asked for). */
  spawned(run: Run): void;
}

/** How a run ended, once its tree is gone and its pipes are closed (or given up on). */
export interface RunOutcome {
  exit: ExitInfo | undefined;
  /** Why the child could not be spawned at all. */
  spawnError: string | undefined;
  /** A stop asked for the end: the asker reports it, not the exit handler. */
  stopRequested: boolean;
  /** From spawn to the root's exit; 0 for a run that never spawned. */
  ranMs: number;
  /** When the root's exit was seen: the backoff delay counts from here, not from the end of the clean-up. */
  endedAt: number;
}

/**
 * The pipes may close a little after the tree is gone (the kernel flushes them); past this, a
 * holder we could not find (it scrubbed its environment) is not worth waiting for.
 */
const PIPE_CLOSE_GRACE_MS = 200;

export type RunStart = { ok: true; run: Run } | { ok: false; message: string };

/**
 * One spawned child, from spawn to its end: pid, output, stop. Its end is the root's exit, not
 * the close of its pipes, which an escaped grandchild could hold open for ever. Every process of
 * the run carries the run's marker in its environment, so the stop and the crash clean-up reach
 * even those that left the group and the tree.
 */
export class Run {
  startedAt: number | undefined;
  private exitedAt: number | undefined;
  private stopRequested = false;
  private cleanup: Promise<unknown> | undefined;
  readonly ended: Promise<RunOutcome>;
  private readonly marker: string;
  private readonly watched: WatchedChild;

  /** Spawns the command; a failure to even start comes back as a message. */
  static start(spec: ProcessSpec, env: NodeJS.ProcessEnv, deps: RunDeps, sinks: RunSinks): RunStart {
    const token = newRunToken();
    // The env object is built once per process; only the marker changes from run to run.
    env[RUN_VAR] = token;
    const spawned = spawnChild(spec, env, deps.spawn);
    if (!spawned.ok) return spawned;
    return { ok: true, run: new Run(spawned.child, spawned.file, spawned.viaShell, runMarker(token), deps, sinks) };
  }

  readonly pid: number | undefined;
  /** The child's stdin pipe, when the spec asked for one. */
  private readonly stdin: ChildHandle['stdin'];

  private constructor(
    child: ChildHandle,
    file: string,
    readonly viaShell: boolean,
    marker: string,
    private readonly deps: RunDeps,
    sinks: RunSinks,
  ) {
    this.pid = child.pid;
    this.marker = marker;
    this.stdin = child.stdin;
    // A child that exits or closes its input makes the next write fail (EPIPE): the end of input, not a bug.
    this.stdin?.on('error', () => undefined);
    let resolveEnded = (_outcome: RunOutcome): void => undefined;
    this.ended = new Promise((resolve) => (resolveEnded = resolve));
    this.watched = watchChild(child, file, {
      output: sinks.output,
      spawned: () => {
        this.startedAt = deps.clock.now();
        if (!this.stopRequested) sinks.spawned(this);
      },
      exited: () => this.onExit(),
      ended: (exit, spawnError) => {
        void Promise.resolve(this.cleanup).then(() => resolveEnded(this.outcome(exit, spawnError)));
      },
    });
  }

  /** Sends the stop signal, then SIGKILL after the grace; resolves with pids that survived even that. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<number[]> {
    this.stopRequested = true;
    if (this.pid === undefined) return [];
    const survivors = await this.deps.killTree(this.pid, { signal, timeoutMs, marker: this.marker });
    this.watched.endSoon(PIPE_CLOSE_GRACE_MS);
    return survivors;
  }

  /** SIGKILL to the whole run at once, whatever stop is under way. Its end is then no crash. */
  async kill(): Promise<void> {
    this.stopRequested = true;
    if (this.pid !== undefined) await this.deps.killTree(this.pid, { signal: 'SIGKILL', timeoutMs: 0, marker: this.marker });
    this.watched.endSoon(PIPE_CLOSE_GRACE_MS);
  }

  /** Hands text to the child's stdin; false when it has none or it was closed. */
  write(text: string): boolean {
    if (!this.stdin?.writable) return false;
    this.stdin.write(text);
    return true;
  }

  /** Closes the child's stdin: it reads end of file (Ctrl+D in a terminal). */
  endInput(): void {
    this.stdin?.end();
  }

  pause(): void {
    this.watched.pause();
  }

  resume(): void {
    this.watched.resume();
  }

  private onExit(): void {
    this.exitedAt = this.deps.clock.now();
    // Members of the group, and escapees, still hold the port and the pipes; a crash must not leave
    // them behind. Best effort: if it fails the run still ends, and a later stop signals again.
    if (this.stopRequested || this.pid === undefined) return;
    this.cleanup = this.deps
      .killTree(this.pid, { signal: 'SIGKILL', timeoutMs: 0, marker: this.marker })
      .catch(() => [])
      .then(() => this.watched.endSoon(PIPE_CLOSE_GRACE_MS));
  }

  private outcome(exit: ExitInfo | undefined, spawnError: string | undefined): RunOutcome {
    const endedAt = this.exitedAt ?? this.deps.clock.now();
    const ranMs = this.startedAt === undefined ? 0 : endedAt - this.startedAt;
    return { exit, spawnError, stopRequested: this.stopRequested, ranMs, endedAt };
  }
}
