import type { TimerHandle } from '../clock';
import { settledAfterMs } from './backoff';
import type { ProcessCore } from './managedTypes';
import { endingOf, type RunEnd } from './runEnding';

/**
 * What follows runs that end by themselves: the count of automatic restarts in a row, the backoff
 * timer to the next start, and the settle timer after which a restarted run counts as well again.
 */
export class CrashSchedule {
  /** Automatic restarts in a row: indexes the backoff schedule and counts towards maxRestarts. */
  private consecutive = 0;
  private backoffTimer: TimerHandle | undefined;
  /** Clears `settling` once the run after a crash has stayed up long enough. */
  private settleTimer: TimerHandle | undefined;

  constructor(
    private readonly core: ProcessCore,
    /** The backoff is over: the next start is due. */
    private readonly due: () => void,
  ) {}

  /** A start by hand or a deliberate restart is new information (a fix, a save): the schedule starts over. */
  startOver(): void {
    this.consecutive = 0;
  }

  /** The run ended on its own (or never began): back off, exit or give up, as the policy says. */
  ended(end: RunEnd): void {
    const { spec, deps } = this.core;
    const ending = endingOf(spec, { consecutive: this.consecutive, crashes: this.core.state.crashes }, end);
    this.consecutive = ending.consecutive;
    this.core.setState(ending.state);
    if (ending.restartAt === undefined) return;
    const remainingMs = Math.max(0, ending.restartAt - deps.clock.now());
    this.backoffTimer = deps.clock.setTimeout(() => {
      this.backoffTimer = undefined;
      this.due();
    }, remainingMs);
  }

  /** After a crash, a run counts as running well once it has been up (ready) for the settle time. */
  settleWhileUp(stillCurrent: () => boolean): void {
    if (!this.core.state.settling) return;
    this.settleTimer?.cancel();
    this.settleTimer = this.core.deps.clock.setTimeout(() => {
      this.settleTimer = undefined;
      const state = this.core.state;
      if (!stillCurrent() || state.status !== 'running') return;
      this.core.setState({ status: 'running', reason: state.reason, message: state.message, settling: false });
    }, settledAfterMs(this.core.spec.resetAfterMs));
  }

  cancelBackoff(): void {
    this.backoffTimer?.cancel();
    this.backoffTimer = undefined;
  }

  cancelSettling(): void {
    this.settleTimer?.cancel();
    this.settleTimer = undefined;
  }
}
