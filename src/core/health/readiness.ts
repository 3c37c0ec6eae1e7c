import type { TimerHandle } from '../clock';
import type { ReadinessSpec } from '../config/types';
import { logMatcher } from './log';
import { describeProbe, type ProbeContext } from './probe';
import { ProbeLoop, type WatchDeps } from './probeLoop';

export type Readiness =
  /** `afterMs`: from the start of the watch (the spawn) to the first pass. */
  | { ready: true; afterMs: number; detail: string }
  /** Past the deadline; `detail` is the last try's, e.g. `tcp 127.0.0.1:5432 refused`. */
  | { ready: false; detail: string };

/**
 * Watches a spawned process until its readiness probe first passes, or its deadline goes by.
 * Polled kinds are tried on the readiness cadence; a log probe waits for `line()`.
 */
export class ReadinessWatch {
  /** Settles once. After dispose() it never settles: whoever disposed it decides what follows. */
  readonly result: Promise<Readiness>;
  private resolve: (readiness: Readiness) => void = () => undefined;
  private readonly startedAt: number;
  private readonly deadline: TimerHandle;
  private readonly loop: ProbeLoop | undefined;
  private readonly matches: ((line: string) => boolean) | undefined;
  private readonly described: string;
  private lastDetail: string;
  private done = false;

  constructor(
    spec: ReadinessSpec,
    context: ProbeContext,
    private readonly deps: WatchDeps,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.startedAt = deps.clock.now();
    const { target } = spec;
    this.described = describeProbe(target);
    if (target.kind === 'log') {
      this.matches = logMatcher(target);
      this.lastDetail = `${this.described}: no line matched`;
    } else {
      this.lastDetail = `${this.described}: no answer yet`;
      this.loop = new ProbeLoop({ ...spec, target }, 'readiness', context, deps, (result) =>
        result.ok ? this.pass(result.detail) : (this.lastDetail = result.detail),
      );
    }
    this.deadline = deps.clock.setTimeout(() => this.finish({ ready: false, detail: this.lastDetail }), spec.deadlineMs);
  }

  /** True while a log probe waits for its line. */
  get readsLines(): boolean {
    return !this.done && this.matches !== undefined;
  }

  /** One output line of the process (any stream, as split); only a log probe looks at it. */
  line(text: string): void {
    if (!this.done && this.matches?.(text)) this.pass(`${this.described} matched`);
  }

  /** Stops every timer and cancels a try under way; the result never settles. */
  dispose(): void {
    this.done = true;
    this.deadline.cancel();
    this.loop?.dispose();
  }

  private pass(detail: string): void {
    this.finish({ ready: true, afterMs: this.deps.clock.now() - this.startedAt, detail });
  }

  private finish(readiness: Readiness): void {
    if (this.done) return;
    this.dispose();
    this.resolve(readiness);
  }
}
