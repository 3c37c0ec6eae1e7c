import type { Clock } from '../clock';
import type { ProcessSpec } from '../config/types';
import { LivenessWatch } from '../health/liveness';
import { describeProbe, type ProbeResult } from '../health/probe';
import { ReadinessWatch } from '../health/readiness';
import * as msg from './messages';
import type { ProbeView } from './states';

/** What one run's probes tell its process, in the words and views its state shows. */
export interface HealthEvents {
  /** The readiness probe passed; `probe.readyAfterMs` says how long after the spawn. */
  ready(probe: ProbeView): void;
  /** A liveness try's result, while the run still counts as healthy. */
  checked(probe: ProbeView): void;
  /** Never ready, or no longer answering: the run must go (`not ready after 60 s: …`, `unhealthy: …`). */
  failed(message: string): void;
}

/**
 * The probes of one run, from spawn to its end: readiness until it first passes, then liveness if
 * the spec has it. Built at spawn, so the readiness deadline counts from there.
 */
export class RunHealth {
  private readiness: ReadinessWatch | undefined;
  private liveness: LivenessWatch | undefined;
  private disposed = false;

  constructor(
    private readonly spec: ProcessSpec,
    private readonly env: NodeJS.ProcessEnv,
    private readonly clock: Clock,
    private readonly events: HealthEvents,
  ) {
    const ready = spec.ready;
    if (!ready) {
      this.watchLiveness();
      return;
    }
    const readiness = (this.readiness = new ReadinessWatch(ready, { cwd: spec.cwd, env }, { clock }));
    void readiness.result.then((result) => {
      if (this.disposed) return;
      this.readiness = undefined;
      if (!result.ready) return this.events.failed(msg.notReady(ready.deadlineMs, result.detail));
      this.events.ready(this.view(describeProbe(ready.target), { ok: true, detail: result.detail }, result.afterMs));
      this.watchLiveness();
    });
  }

  /** What is waited for, as the state message says it: `tcp 127.0.0.1:5432`. */
  static describeReadiness(spec: ProcessSpec): string | undefined {
    return spec.ready && describeProbe(spec.ready.target);
  }

  /** True while a log probe waits for a line: only then are the run's lines offered one by one. */
  get readsLines(): boolean {
    return this.readiness?.readsLines ?? false;
  }

  /** An output line of the run: a log probe's only input. */
  line(text: string): void {
    this.readiness?.line(text);
  }

  /** Every timer stops and a try under way is cancelled (an exec probe's tree killed). */
  dispose(): void {
    this.disposed = true;
    this.readiness?.dispose();
    this.liveness?.dispose();
  }

  private watchLiveness(): void {
    const health = this.spec.health;
    if (!health) return;
    const probe = describeProbe(health.target);
    this.liveness = new LivenessWatch(health, { cwd: this.spec.cwd, env: this.env }, { clock: this.clock }, {
      onResult: (result, failures) => {
        // The last failure is told by onUnhealthy, which follows at once.
        if (!this.disposed && failures < health.failures) this.events.checked(this.view(probe, result));
      },
      onUnhealthy: (last, failures) => {
        if (!this.disposed) this.events.failed(msg.unhealthy(last.detail, failures));
      },
    });
  }

  private view(probe: string, result: ProbeResult, readyAfterMs?: number): ProbeView {
    return { probe, ok: result.ok, detail: result.detail, at: this.clock.now(), readyAfterMs };
  }
}
