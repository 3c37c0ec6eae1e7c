import type { Clock, TimerHandle } from '../clock';
import type { LivenessSpec } from '../config/types';
import { tryProbe, type PolledTarget, type ProbeContext, type ProbeOptions, type ProbeResult, type TryProbeFn } from './probe';
import { delayBeforeTry, type Cadence } from './schedule';
import { atInstant } from './sharedInstant';

export interface WatchDeps {
  clock: Clock;
  /** Tests hand in a scripted probe; the engine uses the real one. */
  tryProbe?: TryProbeFn;
}

export type LoopSpec = Pick<LivenessSpec, 'intervalMs' | 'timeoutMs'> & { target: PolledTarget };

/**
 * Tries a probe on the clock, one try at a time: the next is scheduled only once the previous
 * has settled, so a slow try delays the next instead of piling up beside it.
 */
export class ProbeLoop {
  private tries = 0;
  private timer: TimerHandle | undefined;
  /** One for the loop's life, not one a try: aborting it ends the try under way, and no other follows. */
  private readonly stopped = new AbortController();
  private readonly options: ProbeOptions;

  constructor(
    private readonly spec: LoopSpec,
    private readonly cadence: Cadence,
    context: ProbeContext,
    private readonly deps: WatchDeps,
    private readonly onResult: (result: ProbeResult) => void,
  ) {
    this.options = { ...context, timeoutMs: spec.timeoutMs, signal: this.stopped.signal };
    this.schedule();
  }

  /** Stops the timer and cancels a try under way (an exec probe's tree is killed); nothing more is reported. */
  dispose(): void {
    this.timer?.cancel();
    this.stopped.abort();
  }

  private schedule(): void {
    const { clock } = this.deps;
    const now = clock.now();
    const delay = delayBeforeTry(this.cadence, this.tries++, this.spec.intervalMs, now);
    this.timer = atInstant(clock, now + delay, () => void this.tryOnce());
  }

  private async tryOnce(): Promise<void> {
    const probe = this.deps.tryProbe ?? tryProbe;
    const result = await probe(this.spec.target, this.options);
    if (this.stopped.signal.aborted) return;
    // Scheduled before the owner hears of it, so an owner that throws cannot end the loop; one that
    // disposes cancels the timer again.
    this.schedule();
    this.onResult(result);
  }
}
