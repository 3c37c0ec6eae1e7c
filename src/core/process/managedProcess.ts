import { spawn as nodeSpawn } from 'child_process';
import { systemClock, type TimerHandle } from '../clock';
import type { ProcessSpec } from '../config/types';
import { Emitter, type Disposable, type Event } from '../events';
import { startBeforeStep, type BeforeStep } from './beforeStep';
import { waitForDependencies } from './dependencyWait';
import { killTree as realKillTree } from './killTree';
import * as msg from './messages';
import { OutputGate } from './outputGate';
import type { Current, InstanceInfo, Launch, ManagedProcessDeps, StopRequest } from './managedTypes';
import type { OutputBatch } from './outputTypes';
import { ProcessOutput } from './processOutput';
import { Run, type RunOutcome } from './run';
import { endingOf, type RunEnd } from './runEnding';
import { RunHealth, type HealthEvents } from './runHealth';
import { childEnv } from './spawnChild';
import { assertNever, restartsOnChange, type ExitInfo, type ProcessState, type ProcessStateChange, type ReasonKind } from './states';

/**
 * Supervises one instance of a ProcessSpec: dependencies, build step, spawn, readiness, output,
 * stop, restart with backoff. User operations run one at a time on `serial`, so a restart never
 * overlaps a stop and a new child is spawned only after the old tree is gone. Every state goes
 * through `setState`.
 */
export class ManagedProcess {
  readonly name: string;
  private readonly deps: ManagedProcessDeps;
  private readonly stateEmitter = new Emitter<ProcessStateChange>();
  readonly onDidChangeState: Event<ProcessStateChange> = this.stateEmitter.event;
  /** Raw lines (ANSI kept), stdout and stderr together, batched. */
  readonly onOutput: Event<OutputBatch>;

  private current: ProcessState;
  private run: Current | undefined;
  private backoffTimer: TimerHandle | undefined;
  /** A build step under way, and whether it still counts (a stop makes it not). */
  private step: BeforeStep | undefined;
  private waiting: Disposable | undefined;
  /** Bumped by every stop: work that awaited across one sees it and leaves the state alone. */
  private epoch = 0;
  /** The last run ended because its build failed: the retry builds again instead of spawning the old build. */
  private buildFailed = false;
  /** Automatic restarts in a row: indexes the backoff schedule and counts towards maxRestarts. */
  private consecutive = 0;
  private queue: Promise<void> = Promise.resolve();
  /** A requested restart waiting its turn; further requests join it instead of adding more. */
  private queuedRequest: Promise<void> | undefined;
  private disposed = false;
  private readonly output: ProcessOutput;
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
      dependencies: deps.dependencies,
    };
    this.current = {
      status: spec.disabled ? 'disabled' : 'stopped',
      reason: 'none',
      pid: undefined,
      startedAt: undefined,
      restarts: 0,
      lastExit: undefined,
      nextRestartAt: undefined,
      message: spec.disabled ? msg.DISABLED_MESSAGE : msg.stoppedMessage([]),
      probe: undefined,
    };
    this.env = childEnv(spec, instance);
    this.output = new ProcessOutput(this.name, spec, instance, this.deps.clock, this.deps.outputGate, () => this.applyFlow());
    this.onOutput = this.output.onOutput;
  }

  get state(): ProcessState {
    return this.current;
  }

  /** `reason`: who asked; a config change that brings a process back says `change`. */
  start(reason: ReasonKind = 'user'): Promise<void> {
    this.cancelBackoff();
    return this.serial(async () => {
      const status = this.current.status;
      switch (status) {
        case 'disabled':
        case 'waiting':
        case 'starting':
        case 'running':
        case 'stopping':
          return;
        case 'backoff':
          return this.launch({ message: msg.startingMessage(undefined), restarts: this.current.restarts, reason, build: true });
        case 'stopped':
        case 'exited':
        case 'failed':
          this.consecutive = 0;
          return this.launch({ message: msg.startingMessage(undefined), restarts: 0, reason, build: true });
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
    this.cancelPending();
    return this.serial(async () => {
      const status = this.current.status;
      switch (status) {
        case 'disabled':
        case 'stopped':
          return;
        case 'waiting':
        case 'backoff':
        case 'exited':
        case 'failed':
          return this.setState({ status: 'stopped', reason: 'user', nextRestartAt: undefined, message: msg.stoppedMessage([]) });
        case 'starting':
        case 'running':
        case 'stopping': {
          const ending = this.run ? await this.stopRun(this.run, 'user', options.graceMs) : { survivors: [], exit: undefined };
          this.setState({
            status: 'stopped',
            reason: 'user',
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

  /** A restart someone asked for; `why` is said in the message (`restarting: …`). */
  restart(why?: string): Promise<void> {
    this.cancelBackoff();
    return this.serial(() => this.restartNow(why, 'user'));
  }

  /**
   * For file changes. Requests that arrive while a restart is queued join it, so a burst of
   * saves during a restart causes exactly one more restart, not one per save.
   */
  requestRestart(why: string): Promise<void> {
    if (!restartsOnChange(this.current.status)) return Promise.resolve();
    if (this.queuedRequest) return this.queuedRequest;
    const request = this.serial(async () => {
      this.queuedRequest = undefined;
      if (!restartsOnChange(this.current.status)) return;
      this.cancelBackoff();
      await this.restartNow(why, 'change');
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
    await this.output.close();
    this.stateEmitter.dispose();
  }

  private serial(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async restartNow(why: string | undefined, reason: ReasonKind): Promise<void> {
    if (this.current.status === 'disabled') return;
    // A deliberate restart is new information (a fix, a save): the crash count starts over.
    this.consecutive = 0;
    const launch: Launch = { message: msg.startingMessage(why), restarts: this.current.restarts + 1, reason, build: true };
    const serving = this.run && this.current.status === 'running';
    if (reason === 'change' && this.spec.before && serving) return this.rebuildWhileServing(launch);
    if (this.run) await this.stopRun(this.run, reason);
    await this.launch(launch);
  }

  /** On a save the build runs while the old process keeps serving; only a good build replaces it. */
  private async rebuildWhileServing(launch: Launch): Promise<void> {
    const epoch = this.epoch;
    const result = await this.runBeforeStep();
    if (epoch !== this.epoch) return;
    if (!result.ok) {
      this.output.note('stderr', `── ${result.message} · ${msg.STILL_RUNNING_PREVIOUS} ──`);
      if (this.current.status === 'running') this.setState({ status: 'running', reason: 'build', message: msg.buildFailedStillRunning() });
      return;
    }
    this.cancelBackoff();
    if (this.run) await this.stopRun(this.run, launch.reason);
    await this.launch({ ...launch, build: false });
  }

  /** Waits for dependencies, runs the build step, then spawns; each step may find a stop came first. */
  private async launch(launch: Launch): Promise<void> {
    if (this.disposed) return;
    const blocked = this.deps.dependencies?.blockedBy(this.spec);
    if (blocked !== undefined) return this.waitForDependencies(launch, blocked);
    this.setState({
      status: 'starting',
      reason: launch.reason,
      pid: undefined,
      startedAt: undefined,
      nextRestartAt: undefined,
      restarts: launch.restarts,
      message: launch.message,
      probe: undefined,
    });
    if (launch.build && this.spec.before) {
      const epoch = this.epoch;
      const result = await this.runBeforeStep();
      if (epoch !== this.epoch || this.disposed) return;
      this.buildFailed = !result.ok;
      if (!result.ok) return this.afterRun({ ranMs: 0, endedAt: this.deps.clock.now(), exit: undefined, ended: result.message, reason: 'build' });
    }
    this.beginRun(launch.reason);
  }

  private async runBeforeStep(): Promise<{ ok: true } | { ok: false; message: string }> {
    const step = (this.step = startBeforeStep(this.spec, this.env, this.deps, this.output));
    const result = await step.result;
    if (this.step === step) this.step = undefined;
    return result;
  }

  private waitForDependencies(launch: Launch, blocked: string): void {
    const gate = this.deps.dependencies;
    if (!gate) return;
    const epoch = this.epoch;
    this.waiting?.dispose();
    this.waiting = waitForDependencies(gate, this.spec, blocked, {
      show: (what) => this.setState({ status: 'waiting', reason: 'dependency', pid: undefined, startedAt: undefined, nextRestartAt: undefined, message: `waiting for ${what}`, probe: undefined }),
      met: () => {
        this.waiting = undefined;
        void this.serial(async () => {
          if (epoch === this.epoch && this.current.status === 'waiting') await this.launch({ ...launch, restarts: this.current.restarts });
        });
      },
    });
  }

  private beginRun(reason: ReasonKind): void {
    if (this.disposed) return;
    const started = Run.start(this.spec, this.env, this.deps, {
      line: (stream, text) => {
        this.output.line(stream, text);
        // Only the current run prints: an old one is gone, output and all, before a new one starts.
        this.run?.health?.line(text);
      },
      spawned: (run) => {
        if (this.run?.run === run) this.onSpawned(this.run);
      },
    });
    if (!started.ok) return this.afterRun({ ranMs: 0, endedAt: this.deps.clock.now(), exit: undefined, ended: started.message, reason: 'spawn' });
    const current: Current = { run: started.run, reason, health: undefined, done: Promise.resolve() };
    current.done = current.run.ended.then((outcome) => this.finishRun(current, outcome));
    this.run = current;
    this.applyFlow();
  }

  /** Running at once, or, with a readiness probe, once it first passes. */
  private onSpawned(current: Current): void {
    const { pid, startedAt } = current.run;
    if (this.spec.ready || this.spec.health) current.health = new RunHealth(this.spec, this.env, this.deps.clock, this.healthEvents(current));
    const described = RunHealth.describeReadiness(this.spec);
    if (described === undefined) {
      this.setState({ status: 'running', reason: current.reason, pid, startedAt, message: msg.runningMessage(pid) });
    } else {
      this.setState({ status: 'starting', reason: current.reason, pid, startedAt, message: msg.waitingForProbe(described) });
    }
  }

  private healthEvents(current: Current): HealthEvents {
    const mine = (): boolean => this.run === current;
    return {
      ready: (probe) => {
        if (!mine()) return;
        // A log probe is made ready by a line still in the batch: it is shown before `ready`.
        this.output.deliver();
        this.setState({ status: 'running', reason: current.reason, message: msg.runningMessage(current.run.pid), probe });
      },
      checked: (probe) => {
        if (!mine() || this.current.status !== 'running') return;
        // Only news is state: a passing probe that passes again changes nothing anyone shows.
        const last = this.current.probe;
        if (last && last.probe === probe.probe && last.ok === probe.ok && last.detail === probe.detail) return;
        this.setState({ status: 'running', reason: this.current.reason, message: this.current.message, probe });
      },
      failed: (message) => {
        if (mine()) this.failRun(current, message);
      },
    };
  }

  /** A probe gave up on the run: its tree goes, and the crash schedule decides what follows. */
  private failRun(current: Current, message: string): void {
    void this.serial(async () => {
      if (this.run !== current) return;
      const ranMs = current.run.startedAt === undefined ? 0 : this.deps.clock.now() - current.run.startedAt;
      await this.stopRun(current, 'probe');
      this.afterRun({ ranMs, endedAt: this.deps.clock.now(), exit: undefined, ended: message, reason: 'probe' });
    });
  }

  /** Output and log on disk first, then the state change, so listeners see the last lines. */
  private async finishRun(current: Current, outcome: RunOutcome): Promise<void> {
    current.health?.dispose();
    await this.output.flush();
    if (this.run === current) this.run = undefined;
    if (outcome.stopRequested) return;
    const ended = outcome.spawnError ?? msg.describeExit(outcome.exit ?? { code: null, signal: null }, current.run.viaShell);
    this.afterRun({ ...outcome, ended, reason: outcome.spawnError ? 'spawn' : 'crash' });
  }

  /** The run ended on its own (or never began): back off, exit or give up, as the policy says. */
  private afterRun(end: RunEnd): void {
    const ending = endingOf(this.spec, this.consecutive, end);
    this.consecutive = ending.consecutive;
    this.setState(ending.state);
    if (ending.restartAt === undefined) return;
    const remainingMs = Math.max(0, ending.restartAt - this.deps.clock.now());
    this.backoffTimer = this.deps.clock.setTimeout(() => this.onBackoffDue(), remainingMs);
  }

  private onBackoffDue(): void {
    this.backoffTimer = undefined;
    void this.serial(async () => {
      if (this.current.status !== 'backoff') return;
      // A crash restart spawns the build that ran; a failed build is built again.
      await this.launch({ message: msg.startingMessage(undefined), restarts: this.current.restarts + 1, reason: 'crash', build: this.buildFailed });
    });
  }

  /** Resolves when the whole tree is gone and the run's output is flushed, with unkillable pids and the exit. */
  private async stopRun(current: Current, reason: ReasonKind, graceMs = Infinity): Promise<{ survivors: number[]; exit: ExitInfo | undefined }> {
    current.health?.dispose();
    this.setState({ status: 'stopping', reason, message: msg.STOPPING_MESSAGE, probe: undefined });
    const survivors = await current.run.stop(this.spec.stop.signal, Math.min(this.spec.stop.timeoutMs, graceMs));
    const [outcome] = await Promise.all([current.run.ended, current.done]);
    return { survivors, exit: outcome.exit };
  }

  /** Reads the pipes only while every sink keeps up. */
  private applyFlow(): void {
    if (this.output.flowing) this.run?.run.resume();
    else this.run?.run.pause();
  }

  private cancelBackoff(): void {
    this.backoffTimer?.cancel();
    this.backoffTimer = undefined;
  }

  /** A stop ends whatever was on its way: a backoff timer, a wait for dependencies, a build step. */
  private cancelPending(): void {
    this.epoch++;
    this.cancelBackoff();
    this.waiting?.dispose();
    this.waiting = undefined;
    void this.step?.stop();
    this.step = undefined;
  }

  /** The only writer of the state. */
  private setState(change: Partial<ProcessState> & Pick<ProcessState, 'status' | 'reason' | 'message'>): void {
    const previous = this.current;
    this.current = { ...previous, ...change };
    this.stateEmitter.fire({ name: this.name, previous, current: this.current });
  }
}
