import { spawn as nodeSpawn } from 'child_process';
import { systemClock } from '../clock';
import type { ProcessSpec } from '../config/types';
import { Emitter, type Event } from '../events';
import { CrashSchedule } from './crashSchedule';
import { DebugMode } from './debugMode';
import { killTree as realKillTree } from './killTree';
import * as msg from './messages';
import { OutputGate } from './outputGate';
import type { InstanceInfo, ManagedProcessDeps, ProcessCore, StateChange, StopRequest } from './managedTypes';
import type { OutputBatch, OutputLine } from './outputTypes';
import { ProcessOutput } from './processOutput';
import { RunKeeper } from './runKeeper';
import { childEnv } from './spawnChild';
import { StartSequence } from './startSequence';
import { assertNever, initialState, isActive, restartsOnChange, type ProcessState, type ProcessStateChange, type ReasonKind } from './states';

/**
 * Supervises one instance of a ProcessSpec: dependencies, build step, spawn, readiness, output,
 * stop, restart with backoff. User operations run one at a time on `serial`, so a restart never
 * overlaps a stop and a new child is spawned only after the old tree is gone. Every state goes
 * through `setState`. The parts (start sequence, current run, crash schedule) see this process
 * through a ProcessCore: the state, its writer, the queue and the stop epoch stay here.
 */
export class ManagedProcess {
  readonly name: string;
  private readonly deps: ManagedProcessDeps;
  private readonly stateEmitter = new Emitter<ProcessStateChange>();
  readonly onDidChangeState: Event<ProcessStateChange> = this.stateEmitter.event;
  /** Raw lines (ANSI kept), stdout and stderr together, batched. */
  readonly onOutput: Event<OutputBatch>;

  private current: ProcessState;
  /** Bumped by every stop: work that awaited across one sees it and leaves the state alone. */
  private epoch = 0;
  private queue: Promise<void> = Promise.resolve();
  /** A requested restart waiting its turn; further requests join it instead of adding more. */
  private queuedRequest: Promise<void> | undefined;
  private disposed = false;
  private readonly output: ProcessOutput;
  private readonly debug: DebugMode;
  private readonly schedule: CrashSchedule;
  private readonly runs: RunKeeper;
  private readonly starts: StartSequence;

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
    // Built once: copying process.env is a measurable part of a restart, and the spec does not change.
    const env = childEnv(spec, instance);
    this.debug = new DebugMode(spec.debug, env);
    this.current = initialState(spec.disabled, this.debug.view(undefined));
    this.output = new ProcessOutput(this.name, spec, instance, this.deps.clock, this.deps.outputGate, () => this.runs.applyFlow());
    this.onOutput = this.output.onOutput;
    const core = ManagedProcess.coreOf(this, env);
    this.schedule = new CrashSchedule(core, () => this.starts.afterBackoff());
    this.runs = new RunKeeper(core, this.debug, this.schedule);
    this.starts = new StartSequence(core, this.runs, this.schedule);
  }

  get state(): ProcessState {
    return this.current;
  }

  /** The latest lines of output (10,000 at most), oldest first: what a terminal shows before the live ones. */
  recentOutput(): OutputLine[] {
    return this.output.recentLines();
  }

  /** Sends text to the running child's stdin (`"stdin": true`); false when there is no child or no pipe. */
  writeInput(text: string): boolean {
    return this.runs.current?.run.write(text) ?? false;
  }

  /** Closes the running child's stdin, so it reads end of file. */
  endInput(): void {
    this.runs.current?.run.endInput();
  }

  /** The log file of this instance (`api.2.log` for the second of several), if the spec has one. */
  get logFile(): string | undefined {
    return this.output.logPath;
  }

  /** `reason`: who asked; a config change that brings a process back says `change`. */
  start(reason: ReasonKind = 'user'): Promise<void> {
    this.schedule.cancelBackoff();
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
          return this.starts.launch({ message: msg.startingMessage(undefined), restarts: this.current.restarts, crashes: this.current.crashes, settling: this.current.settling, reason, build: true });
        case 'stopped':
        case 'exited':
        case 'failed':
          return this.starts.fromRest(msg.startingMessage(undefined), reason);
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
    void this.cancelPending();
    return this.serial(async () => {
      const status = this.current.status;
      switch (status) {
        case 'disabled':
        case 'stopped':
        // Nothing runs or is due: the state keeps what the user needs to know (how it ended, that it gave up).
        case 'exited':
        case 'failed':
          return;
        case 'waiting':
        case 'backoff':
          return this.setState({ status: 'stopped', reason: 'user', nextRestartAt: undefined, settling: false, message: msg.stoppedMessage([]) });
        case 'starting':
        case 'running':
        case 'stopping': {
          const run = this.runs.current;
          const ending = run ? await this.runs.stop(run, 'user', options.graceMs) : { survivors: [], exit: undefined };
          this.setState({
            status: 'stopped',
            reason: 'user',
            pid: undefined,
            startedAt: undefined,
            lastExit: ending.exit ?? this.current.lastExit,
            settling: false,
            message: msg.stoppedMessage(ending.survivors),
          });
          return;
        }
        default:
          return assertNever(status);
      }
    });
  }

  /** A restart someone asked for; `why` is said in the message (`restarting: ...`). */
  restart(why?: string): Promise<void> {
    this.schedule.cancelBackoff();
    return this.serial(() => this.starts.restart(why, 'user'));
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
      this.schedule.cancelBackoff();
      await this.starts.restart(why, 'change');
    });
    this.queuedRequest = request;
    return request;
  }

  /**
   * Debugging on: an active process restarts with the inspector, a stopped one starts with it.
   * Off: a running child restarts without it; with none (waiting, backing off, down) its next start
   * has none, so nothing restarts early. Asking for what is already so restarts nothing.
   */
  setDebugging(on: boolean): Promise<void> {
    if (this.current.status === 'disabled') return Promise.resolve();
    const changed = this.debug.on !== on;
    this.debug.on = on;
    const active = restartsOnChange(this.current.status);
    if (on && !active) return this.start();
    if (!changed) return Promise.resolve();
    if (on ? active : isActive(this.current.status)) return this.restart(on ? 'debugging' : 'debugging off');
    return this.serial(async () => this.setState({ status: this.current.status, reason: this.current.reason, message: this.current.message }));
  }

  /**
   * The run with root `pid` went over a limit (`memory 640 MB over its 512 MB limit`): its tree goes,
   * and the crash schedule brings it back. A reading of an earlier run changes nothing.
   */
  overLimit(pid: number, message: string): void {
    this.runs.overLimit(pid, message);
  }

  /**
   * SIGKILL now, outside the queue, to the current tree and a build step, and nothing more starts:
   * a stop under way then finds its tree gone. Resolves stopped.
   */
  async kill(): Promise<void> {
    await Promise.all([this.runs.current?.run.kill(), this.cancelPending(true)]);
    await this.stop();
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

  /** A stop ends whatever was on its way: a backoff timer, a wait for dependencies, a build step. */
  private cancelPending(kill = false): Promise<void> {
    this.epoch++;
    this.schedule.cancelBackoff();
    return this.starts.cancel(kill);
  }

  /** The only writer of the state. */
  private setState(change: StateChange): void {
    const previous = this.current;
    this.current = { ...previous, ...change, debug: this.debug.view(this.runs.current?.inspectors) };
    this.stateEmitter.fire({ name: this.name, previous, current: this.current });
  }

  /** What the parts see of a process: getters, so they read the state, epoch and `disposed` as they are now. */
  private static coreOf(owner: ManagedProcess, env: NodeJS.ProcessEnv): ProcessCore {
    return {
      spec: owner.spec,
      deps: owner.deps,
      env,
      output: owner.output,
      get state() {
        return owner.current;
      },
      get epoch() {
        return owner.epoch;
      },
      get disposed() {
        return owner.disposed;
      },
      setState: (change) => owner.setState(change),
      serial: (operation) => owner.serial(operation),
    };
  }
}
