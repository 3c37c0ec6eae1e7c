import { spawn as nodeSpawn } from 'child_process';
import { systemClock, type TimerHandle } from '../clock';
import type { ProcessSpec } from '../config/types';
import { Emitter, type Event } from '../events';
import { consecutiveAfterRun } from './backoff';
import { killTree as realKillTree } from './killTree';
import { openInstanceLog, type LogFile } from './logFile';
import * as msg from './messages';
import { OutputBatcher } from './outputBatcher';
import { OutputGate } from './outputGate';
import type { OutputBatch } from './outputTypes';
import { decideRestart } from './restartPolicy';
import { Run, type RunDeps, type RunOutcome } from './run';
import { childEnv } from './spawnChild';
import { assertNever, restartsOnChange, type ExitInfo, type ProcessState, type ProcessStateChange } from './states';

export interface InstanceInfo {
  /** 'api', or 'api#2' when the spec has several instances. */
  name: string;
  /** 1-based. */
  index: number;
  count: number;
  /** The config folder. */
  root: string;
  /** The absolute path of the `.procs.json`, marked on every process so a later supervisor can find leftovers. */
  configFile?: string;
}

export interface ManagedProcessDeps extends RunDeps {
  /** Shared by the processes of one supervisor: a face whose sink falls behind holds it. */
  outputGate: OutputGate;
}

/** The current run and the promise of its output flushed and its outcome handled. */
interface Current {
  readonly run: Run;
  readonly done: Promise<void>;
}

export interface StopRequest {
  /** An upper bound on the wait between the stop signal and the kill. */
  graceMs?: number;
}

/**
 * Supervises one instance of a ProcessSpec: spawn, output, stop, restart with backoff.
 * User operations run one at a time on `serial`, so a restart never overlaps a stop and a
 * new child is spawned only after the old tree is gone. Every state goes through `setState`.
 */
export class ManagedProcess {
  readonly name: string;
  private readonly deps: ManagedProcessDeps;
  private readonly stateEmitter = new Emitter<ProcessStateChange>();
  private readonly outputEmitter = new Emitter<OutputBatch>();
  readonly onDidChangeState: Event<ProcessStateChange> = this.stateEmitter.event;
  /** Raw lines (ANSI kept), stdout and stderr together, batched. */
  readonly onOutput: Event<OutputBatch> = this.outputEmitter.event;

  private current: ProcessState;
  private run: Current | undefined;
  private backoffTimer: TimerHandle | undefined;
  /** Automatic restarts in a row: indexes the backoff schedule and counts towards maxRestarts. */
  private consecutive = 0;
  private queue: Promise<void> = Promise.resolve();
  /** A requested restart waiting its turn; further requests join it instead of adding more. */
  private queuedRequest: Promise<void> | undefined;
  private disposed = false;
  private readonly gateSubscriptions: Array<{ dispose(): void }>;
  private readonly batcher: OutputBatcher;
  private readonly logFile: LogFile | undefined;
  /** Held while the log file's writes fall behind. */
  private readonly logGate = new OutputGate();
  /** Built once: copying process.env is a measurable part of a restart, and the spec does not change. */
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly spec: ProcessSpec,
    instance: InstanceInfo,
    deps: Partial<ManagedProcessDeps> = {},
  ) {
    this.name = instance.name;
    // `??`, not a spread: a dependency passed as undefined still gets the real one.
    this.deps = {
      clock: deps.clock ?? systemClock,
      spawn: deps.spawn ?? nodeSpawn,
      killTree: deps.killTree ?? realKillTree,
      outputGate: deps.outputGate ?? new OutputGate(),
    };
    this.current = {
      status: spec.disabled ? 'disabled' : 'stopped',
      pid: undefined,
      startedAt: undefined,
      restarts: 0,
      lastExit: undefined,
      nextRestartAt: undefined,
      message: spec.disabled ? msg.DISABLED_MESSAGE : msg.stoppedMessage([]),
    };
    this.env = childEnv(spec, instance);
    this.logFile = openInstanceLog(spec.output, instance, this.logGate, (message) => this.reportProblem(message));
    this.gateSubscriptions = [this.deps.outputGate.onDidChange(() => this.applyFlow()), this.logGate.onDidChange(() => this.applyFlow())];
    this.batcher = new OutputBatcher(
      this.name,
      (batch) => {
        this.logFile?.write(batch.lines);
        this.outputEmitter.fire(batch);
      },
      () => this.deps.clock.now(),
    );
  }

  get state(): ProcessState {
    return this.current;
  }

  start(): Promise<void> {
    this.cancelBackoff();
    return this.serial(async () => {
      const status = this.current.status;
      switch (status) {
        case 'disabled':
        case 'starting':
        case 'running':
        case 'stopping':
          return;
        case 'backoff':
          return this.beginRun(msg.startingMessage(undefined), this.current.restarts);
        case 'stopped':
        case 'exited':
        case 'failed':
          this.consecutive = 0;
          return this.beginRun(msg.startingMessage(undefined), 0);
        default:
          return assertNever(status);
      }
    });
  }

  /**
   * Stops the whole tree. `graceMs` shortens the configured stop timeout, for shutdowns
   * that have a deadline of their own (VS Code gives deactivate a few seconds).
   */
  stop(options: StopRequest = {}): Promise<void> {
    this.cancelBackoff();
    return this.serial(async () => {
      const status = this.current.status;
      switch (status) {
        case 'disabled':
        case 'stopped':
          return;
        case 'backoff':
        case 'exited':
        case 'failed':
          return this.setState({ status: 'stopped', nextRestartAt: undefined, message: msg.stoppedMessage([]) });
        case 'starting':
        case 'running':
        case 'stopping': {
          const ending = this.run ? await this.stopRun(this.run, options.graceMs) : { survivors: [], exit: undefined };
          this.setState({
            status: 'stopped',
            pid: undefined,
            startedAt: undefined,
            lastExit: ending.exit ?? this.current.lastExit,
            message: msg.stoppedMessage(ending.survivors),
          });
          return;
        }
        default:
          return assertNever(status);
      }
    });
  }

  restart(reason?: string): Promise<void> {
    this.cancelBackoff();
    return this.serial(() => this.restartNow(reason));
  }

  /**
   * For file changes. Requests that arrive while a restart is queued join it, so a burst of
   * saves during a restart causes exactly one more restart, not one per save.
   */
  requestRestart(reason: string): Promise<void> {
    if (!restartsOnChange(this.current.status)) return Promise.resolve();
    if (this.queuedRequest) return this.queuedRequest;
    const request = this.serial(async () => {
      this.queuedRequest = undefined;
      if (!restartsOnChange(this.current.status)) return;
      this.cancelBackoff();
      await this.restartNow(reason);
    });
    this.queuedRequest = request;
    return request;
  }

  /** SIGKILL to the current tree now, outside the queue: a stop under way then finds it gone. */
  async kill(): Promise<void> {
    await this.run?.run.kill();
  }

  async dispose(): Promise<void> {
    // Set first, so an operation queued behind the stop cannot spawn again.
    this.disposed = true;
    await this.stop();
    this.batcher.dispose();
    await this.logFile?.close();
    for (const subscription of this.gateSubscriptions) subscription.dispose();
    this.logGate.dispose();
    this.stateEmitter.dispose();
    this.outputEmitter.dispose();
  }

  private serial(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async restartNow(reason: string | undefined): Promise<void> {
    if (this.current.status === 'disabled') return;
    if (this.run) await this.stopRun(this.run);
    // A deliberate restart is new information (a fix, a save): the crash count starts over.
    this.consecutive = 0;
    this.beginRun(msg.startingMessage(reason), this.current.restarts + 1);
  }

  private beginRun(message: string, restarts: number): void {
    if (this.disposed) return;
    this.setState({ status: 'starting', pid: undefined, startedAt: undefined, nextRestartAt: undefined, restarts, message });
    const started = Run.start(this.spec, this.env, this.deps, {
      line: (stream, text) => this.batcher.add(stream, text),
      spawned: (run) => {
        if (this.run?.run !== run) return;
        this.setState({ status: 'running', pid: run.pid, startedAt: run.startedAt, message: msg.runningMessage(run.pid) });
      },
    });
    if (!started.ok) return this.afterRun({ ranMs: 0, endedAt: this.deps.clock.now() }, undefined, started.message);
    const { run } = started;
    const current: Current = { run, done: run.ended.then((outcome) => this.finishRun(current, outcome)) };
    this.run = current;
    this.applyFlow();
  }

  /** Output and log on disk first, then the state change, so listeners see the last lines. */
  private async finishRun(current: Current, outcome: RunOutcome): Promise<void> {
    this.batcher.flush();
    await this.logFile?.flush();
    if (this.run === current) this.run = undefined;
    if (outcome.stopRequested) return;
    const ended = outcome.spawnError ?? msg.describeExit(outcome.exit ?? { code: null, signal: null }, current.run.viaShell);
    this.afterRun(outcome, outcome.exit, ended);
  }

  /** The run ended on its own (or never began) at `endedAt`: back off, exit or give up. */
  private afterRun({ ranMs, endedAt }: { ranMs: number; endedAt: number }, exit: ExitInfo | undefined, ended: string): void {
    this.consecutive = consecutiveAfterRun(this.consecutive, ranMs, this.spec.resetAfterMs);
    const decision = decideRestart({
      policy: this.spec.restart,
      exit,
      stopRequested: false,
      consecutiveRestarts: this.consecutive,
      maxRestarts: this.spec.maxRestarts,
      scheduleMs: this.spec.backoffMs,
    });
    const ending = { pid: undefined, startedAt: undefined, lastExit: exit };
    switch (decision.kind) {
      case 'restart': {
        this.consecutive++;
        const nextRestartAt = endedAt + decision.delayMs;
        this.setState({ ...ending, status: 'backoff', nextRestartAt, message: msg.restartingIn(ended, decision.delayMs) });
        const remainingMs = Math.max(0, nextRestartAt - this.deps.clock.now());
        this.backoffTimer = this.deps.clock.setTimeout(() => this.onBackoffDue(), remainingMs);
        return;
      }
      case 'exit':
        return this.setState({ ...ending, status: 'exited', nextRestartAt: undefined, message: ended });
      case 'fail':
        return this.setState({ ...ending, status: 'failed', nextRestartAt: undefined, message: msg.gaveUp(ended, this.consecutive) });
      default:
        return assertNever(decision);
    }
  }

  private onBackoffDue(): void {
    this.backoffTimer = undefined;
    void this.serial(async () => {
      if (this.current.status === 'backoff') this.beginRun(msg.startingMessage(undefined), this.current.restarts + 1);
    });
  }

  /** Resolves when the whole tree is gone and the run's output is flushed, with unkillable pids and the exit. */
  private async stopRun(current: Current, graceMs = Infinity): Promise<{ survivors: number[]; exit: ExitInfo | undefined }> {
    this.setState({ status: 'stopping', message: msg.STOPPING_MESSAGE });
    const survivors = await current.run.stop(this.spec.stop.signal, Math.min(this.spec.stop.timeoutMs, graceMs));
    const [outcome] = await Promise.all([current.run.ended, current.done]);
    return { survivors, exit: outcome.exit };
  }

  /** Reads the pipes only while every sink keeps up. */
  private applyFlow(): void {
    if (this.deps.outputGate.open && this.logGate.open) this.run?.run.resume();
    else this.run?.run.pause();
  }

  private cancelBackoff(): void {
    this.backoffTimer?.cancel();
    this.backoffTimer = undefined;
  }

  /** Problems of our own (a log file that cannot be written) reach the user in the output. */
  private reportProblem(message: string): void {
    this.outputEmitter.fire({ name: this.name, lines: [{ stream: 'stderr', text: `[procs] ${message}`, time: this.deps.clock.now() }] });
  }

  /** The only writer of the state. */
  private setState(change: Partial<ProcessState> & Pick<ProcessState, 'status' | 'message'>): void {
    const previous = this.current;
    this.current = { ...previous, ...change };
    this.stateEmitter.fire({ name: this.name, previous, current: this.current });
  }
}
