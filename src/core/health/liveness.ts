import type { LivenessSpec } from '../config/types';
import type { ProbeContext, ProbeResult } from './probe';
import { ProbeLoop, type WatchDeps } from './probeLoop';

export interface LivenessHandlers {
  /** Every try's result, with the failures in a row so far (0 after a pass). */
  onResult?(result: ProbeResult, failures: number): void;
  /** `failures` in a row: called once, and the watch has stopped by then. */
  onUnhealthy(last: ProbeResult, failures: number): void;
}

/** Tries a ready process's health probe every interval, and says when it has failed too often in a row. */
export class LivenessWatch {
  private failures = 0;
  private disposed = false;
  private readonly loop: ProbeLoop;

  constructor(
    private readonly spec: LivenessSpec,
    context: ProbeContext,
    deps: WatchDeps,
    private readonly handlers: LivenessHandlers,
  ) {
    this.loop = new ProbeLoop(spec, 'liveness', context, deps, (result) => this.record(result));
  }

  /** Stops the timer and cancels a try under way (an exec probe's tree is killed); nothing more is reported. */
  dispose(): void {
    this.disposed = true;
    this.loop.dispose();
  }

  private record(result: ProbeResult): void {
    this.failures = result.ok ? 0 : this.failures + 1;
    const unhealthy = this.failures >= this.spec.failures;
    // Stopped before anyone hears of it, so no try follows whatever the handlers do.
    if (unhealthy) this.loop.dispose();
    this.handlers.onResult?.(result, this.failures);
    if (!unhealthy || this.disposed) return;
    this.disposed = true;
    this.handlers.onUnhealthy(result, this.failures);
  }
}
