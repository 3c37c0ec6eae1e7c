import type { Disposable } from '../events';
import { describeConflict } from '../system/portHolder';
import { startBeforeStep, type BeforeStep, type StepResult } from './beforeStep';
import type { CrashSchedule } from './crashSchedule';
import { waitForDependencies } from './dependencyWait';
import type { Launch, ProcessCore } from './managedTypes';
import * as msg from './messages';
import { conflictBeforeSpawn } from './portConflicts';
import type { RunKeeper } from './runKeeper';
import type { ReasonKind } from './states';

/**
 * A start, step by step: wait for the dependencies, run the `before` step, make sure no one holds
 * the port, then spawn. Each step may find that a stop came first (the epoch moved), and then
 * leaves the state alone.
 */
export class StartSequence {
  /** A build step under way; a stop ends it, and it no longer counts. */
  private step: BeforeStep | undefined;
  private waiting: Disposable | undefined;
  /** The last run ended because its build failed: the retry builds again instead of spawning the old build. */
  private buildFailed = false;

  constructor(
    private readonly core: ProcessCore,
    private readonly runs: RunKeeper,
    private readonly schedule: CrashSchedule,
  ) {}

  /** A restart: the old tree goes first (or, on a save with a build step, only once the new build is good). */
  async restart(why: string | undefined, reason: ReasonKind): Promise<void> {
    const { state, spec } = this.core;
    const status = state.status;
    if (status === 'disabled') return;
    // Nothing runs: this is a start, not a restart, and counts as one.
    if (status === 'stopped' || status === 'exited' || status === 'failed') return this.fromRest(msg.startingMessage(why), reason);
    this.schedule.startOver();
    // A stop while the old tree goes ends the restart there: no build, no spawn.
    const epoch = this.core.epoch;
    const { restarts, crashes, settling } = state;
    const launch: Launch = { message: msg.startingMessage(why), restarts: restarts + 1, crashes, settling, reason, build: true };
    const serving = this.runs.current && status === 'running';
    if (reason === 'change' && spec.before && serving) return this.rebuildWhileServing(launch);
    const run = this.runs.current;
    if (run) await this.runs.stop(run, reason);
    await this.launch(launch, epoch);
  }

  /** A start from rest: the counts and the crash schedule begin again. */
  fromRest(message: string, reason: ReasonKind): Promise<void> {
    this.schedule.startOver();
    return this.launch({ message, restarts: 0, crashes: 0, settling: false, reason, build: true });
  }

  /**
   * Waits for dependencies, runs the build step, then spawns; each step may find a stop came first,
   * since `epoch` (by default now: when the caller began).
   */
  async launch(launch: Launch, epoch = this.core.epoch): Promise<void> {
    const core = this.core;
    if (core.disposed || epoch !== core.epoch) return;
    const blocked = this.blockedBy();
    if (blocked !== undefined) return this.waitForDependencies(launch, blocked);
    core.setState({
      status: 'starting',
      reason: launch.reason,
      pid: undefined,
      startedAt: undefined,
      nextRestartAt: undefined,
      restarts: launch.restarts,
      crashes: launch.crashes,
      settling: launch.settling,
      message: launch.message,
      probe: undefined,
      conflict: undefined,
    });
    if (launch.build && core.spec.before) {
      const result = await this.runBeforeStep();
      if (epoch !== core.epoch || core.disposed) return;
      this.buildFailed = !result.ok;
      if (!result.ok) return this.schedule.ended({ ranMs: 0, endedAt: core.deps.clock.now(), exit: undefined, ended: result.message, reason: 'build' });
    }
    const conflict = await conflictBeforeSpawn(core.spec);
    if (epoch !== core.epoch || core.disposed) return;
    if (conflict) {
      const now = core.deps.clock.now();
      return this.schedule.ended({ ranMs: 0, endedAt: now, exit: undefined, ended: describeConflict(conflict, now), reason: 'port', conflict });
    }
    // A dependency may have gone down while the build ran: wait for it again, with the good build.
    const blockedNow = this.blockedBy();
    if (blockedNow !== undefined) return this.waitForDependencies({ ...launch, build: false }, blockedNow);
    this.runs.begin(launch.reason);
  }

  /** On a save the build runs while the old process keeps serving; only a good build replaces it. */
  private async rebuildWhileServing(launch: Launch): Promise<void> {
    const core = this.core;
    const epoch = core.epoch;
    const result = await this.runBeforeStep();
    if (epoch !== core.epoch) return;
    // What the failed build left may not run: a crash of the old process builds before it restarts.
    this.buildFailed = !result.ok;
    if (!result.ok) {
      core.output.note('stderr', `── ${result.message} · ${msg.STILL_RUNNING_PREVIOUS} ──`);
      if (core.state.status === 'running') core.setState({ status: 'running', reason: 'build', message: msg.buildFailedStillRunning() });
      return;
    }
    this.schedule.cancelBackoff();
    const current = this.runs.current;
    if (current) await this.runs.stop(current, launch.reason);
    await this.launch({ ...launch, build: false }, epoch);
  }

  /** The backoff is over. A crash restart spawns the build that ran; a failed build is built again. */
  afterBackoff(): void {
    void this.core.serial(async () => {
      const { status, restarts, crashes, settling } = this.core.state;
      if (status !== 'backoff') return;
      await this.launch({ message: msg.startingMessage(undefined), restarts, crashes, settling, reason: 'crash', build: this.buildFailed });
    });
  }

  /** A stop ends what was on its way here: a wait for dependencies, a build step (with `kill`, by SIGKILL at once). */
  async cancel(kill = false): Promise<void> {
    this.waiting?.dispose();
    this.waiting = undefined;
    // Kept until it ends (runBeforeStep lets go), so a kill can still reach a step a stop is ending.
    await (kill ? this.step?.kill() : this.step?.stop());
  }

  /** The first dependency not yet as the spec needs it, if any. */
  private blockedBy(): string | undefined {
    return this.core.deps.dependencies?.blockedBy(this.core.spec);
  }

  private async runBeforeStep(): Promise<StepResult> {
    const step = (this.step = startBeforeStep(this.core.spec, this.core.env, this.core.deps, this.core.output));
    const result = await step.result;
    if (this.step === step) this.step = undefined;
    return result;
  }

  private waitForDependencies(launch: Launch, blocked: string): void {
    const core = this.core;
    const gate = core.deps.dependencies;
    if (!gate) return;
    const epoch = core.epoch;
    this.waiting?.dispose();
    this.waiting = waitForDependencies(gate, core.spec, blocked, {
      show: (what) => core.setState({ status: 'waiting', reason: 'dependency', settling: launch.settling, pid: undefined, startedAt: undefined, nextRestartAt: undefined, message: `waiting for ${what}`, probe: undefined }),
      met: () => {
        this.waiting = undefined;
        void core.serial(async () => {
          const { status, restarts, crashes, settling } = core.state;
          if (epoch === core.epoch && status === 'waiting') await this.launch({ ...launch, restarts, crashes, settling });
        });
      },
    });
  }
}
