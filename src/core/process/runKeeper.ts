import { describeConflict } from '../system/portHolder';
import type { CrashSchedule } from './crashSchedule';
import type { DebugMode } from './debugMode';
import type { Current, ProcessCore } from './managedTypes';
import * as msg from './messages';
import { splitLines } from './outputTypes';
import { conflictAfterRun } from './portConflicts';
import { Run, type RunOutcome } from './run';
import { RunHealth, type HealthEvents } from './runHealth';
import { restartsOnChange, type ExitInfo, type ReasonKind } from './states';

/**
 * The current run of one process, from spawn to its end: its lines to the output and the probes,
 * what its probes and inspectors say turned into state, and its end, asked for (a stop) or by
 * itself (a crash, a failed probe, a limit), which the crash schedule takes from there.
 */
export class RunKeeper {
  private run: Current | undefined;

  constructor(
    private readonly core: ProcessCore,
    private readonly debug: DebugMode,
    private readonly schedule: CrashSchedule,
  ) {}

  get current(): Current | undefined {
    return this.run;
  }

  /** Spawns the run; one that cannot be spawned ends at once, on the crash schedule. */
  begin(reason: ReasonKind): void {
    if (this.core.disposed) return;
    const { spec, deps, output } = this.core;
    const started = Run.start(spec, this.debug.runEnv(), deps, {
      output: (stream, bytes, lineCount) => {
        const block = output.block(stream, bytes, lineCount);
        // Only the current run prints: an old one is gone, output and all, before a new one starts.
        const health = this.run?.health;
        const inspectors = this.run?.inspectors;
        // Lines are taken apart only while a log probe or an inspector watch reads them.
        if (!health?.readsLines && !inspectors?.readsLines) return;
        for (const line of splitLines(block.text)) {
          health?.line(line);
          inspectors?.line(line);
        }
      },
      spawned: (run) => {
        if (this.run?.run === run) this.onSpawned(this.run);
      },
    });
    if (!started.ok) return this.schedule.ended({ ranMs: 0, endedAt: deps.clock.now(), exit: undefined, ended: started.message, reason: 'spawn' });
    const current: Current = { run: started.run, reason, health: undefined, inspectors: undefined, done: Promise.resolve(), linesBefore: output.linesSeen };
    current.inspectors = this.debug.watchRun(deps.clock, () => this.debugNews(current));
    current.done = current.run.ended.then((outcome) => this.finish(current, outcome));
    this.run = current;
    this.applyFlow();
  }

  /** Resolves when the whole tree is gone and the run's output is flushed, with unkillable pids and the exit. */
  async stop(current: Current, reason: ReasonKind, graceMs = Infinity): Promise<{ survivors: number[]; exit: ExitInfo | undefined }> {
    current.health?.dispose();
    current.inspectors?.dispose();
    this.schedule.cancelSettling();
    this.core.setState({ status: 'stopping', reason, message: msg.STOPPING_MESSAGE, probe: undefined });
    const { signal, timeoutMs } = this.core.spec.stop;
    const survivors = await current.run.stop(signal, Math.min(timeoutMs, graceMs));
    const [outcome] = await Promise.all([current.run.ended, current.done]);
    return { survivors, exit: outcome.exit };
  }

  /** See ManagedProcess.overLimit. */
  overLimit(pid: number, message: string): void {
    const current = this.run;
    if (!current || current.run.pid !== pid || !restartsOnChange(this.core.state.status)) return;
    this.core.output.note('stderr', `── restarted: ${message} ──`);
    this.fail(current, message, 'limit');
  }

  /** Reads the pipes only while every sink keeps up. */
  applyFlow(): void {
    if (this.core.output.flowing) this.run?.run.resume();
    else this.run?.run.pause();
  }

  /** The run announced an inspector, or none came in time: the same state, with that news. */
  private debugNews(current: Current): void {
    const state = this.core.state;
    if (this.run === current) this.core.setState({ status: state.status, reason: state.reason, message: state.message });
  }

  /** Running at once, or, with a readiness probe, once it first passes. */
  private onSpawned(current: Current): void {
    const { spec, env, deps } = this.core;
    const { pid, startedAt } = current.run;
    if (spec.ready || spec.health) current.health = new RunHealth(spec, env, deps.clock, this.healthEvents(current));
    const described = RunHealth.describeReadiness(spec);
    if (described === undefined) {
      this.core.setState({ status: 'running', reason: current.reason, pid, startedAt, message: msg.runningMessage(pid) });
      this.schedule.settleWhileUp(() => this.run === current);
    } else {
      this.core.setState({ status: 'starting', reason: current.reason, pid, startedAt, message: msg.waitingForProbe(described) });
    }
  }

  private healthEvents(current: Current): HealthEvents {
    const mine = (): boolean => this.run === current;
    return {
      ready: (probe) => {
        if (!mine()) return;
        // A log probe is made ready by a line still in the batch: it is shown before `ready`.
        this.core.output.deliver();
        this.core.setState({ status: 'running', reason: current.reason, message: msg.runningMessage(current.run.pid), probe });
        this.schedule.settleWhileUp(mine);
      },
      checked: (probe) => {
        const state = this.core.state;
        if (!mine() || state.status !== 'running') return;
        // Only news is state: a passing probe that passes again changes nothing anyone shows.
        const last = state.probe;
        if (last && last.probe === probe.probe && last.ok === probe.ok && last.detail === probe.detail) return;
        this.core.setState({ status: 'running', reason: state.reason, message: state.message, probe });
      },
      failed: (message) => {
        if (mine()) this.fail(current, message);
      },
    };
  }

  /** A probe or a limit gave up on the run: its tree goes, and the crash schedule decides what follows. */
  private fail(current: Current, message: string, reason: ReasonKind = 'probe'): void {
    const { clock } = this.core.deps;
    void this.core.serial(async () => {
      if (this.run !== current) return;
      const ranMs = current.run.startedAt === undefined ? 0 : clock.now() - current.run.startedAt;
      await this.stop(current, reason);
      this.schedule.ended({ ranMs, endedAt: clock.now(), exit: undefined, ended: message, reason });
    });
  }

  /** Output and log on disk first, then the state change, so listeners see the last lines. */
  private async finish(current: Current, outcome: RunOutcome): Promise<void> {
    current.health?.dispose();
    // A spawn error says nothing of Node; a run that ended by itself says it with its end's state.
    if (outcome.stopRequested || outcome.spawnError) current.inspectors?.dispose();
    else current.inspectors?.ended();
    if (this.run === current) this.schedule.cancelSettling();
    await this.core.output.flush();
    if (this.run === current) this.run = undefined;
    if (outcome.stopRequested) return;
    const ended = outcome.spawnError ?? msg.describeExit(outcome.exit ?? { code: null, signal: null }, current.run.viaShell);
    const epoch = this.core.epoch;
    const { output } = this.core;
    const conflict = await conflictAfterRun(output.recentLines(output.linesSeen - current.linesBefore), this.core.spec);
    // A stop that came while the holder was looked up has said the last word.
    if (epoch !== this.core.epoch) return;
    if (conflict) {
      const holder = describeConflict(conflict, this.core.deps.clock.now());
      return this.schedule.ended({ ...outcome, ended: `${ended}: ${holder}`, reason: 'port', conflict });
    }
    this.schedule.ended({ ...outcome, ended, reason: outcome.spawnError ? 'spawn' : 'crash' });
  }
}
