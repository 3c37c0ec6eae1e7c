import type { PolledTarget, ProbeResult, TryProbeFn } from '../../../src/core/health/probe';
import type { FakeClock } from '../helpers/fakeClock';

export const TCP: PolledTarget = { kind: 'tcp', host: '127.0.0.1', port: 5432 };
export const REFUSED: ProbeResult = { ok: false, detail: 'tcp 127.0.0.1:5432 refused' };
export const OPEN: ProbeResult = { ok: true, detail: 'tcp 127.0.0.1:5432 open' };
export const CONTEXT = { cwd: '/', env: {} };

/** A probe whose answers the test writes: each try takes the next (the last repeats), or is held. */
export class ScriptedProbe {
  /** Clock time at which each try started. */
  readonly tries: number[] = [];
  readonly signals: AbortSignal[] = [];
  private answers: Array<ProbeResult | 'hold'> = [REFUSED];
  private held: Array<(result: ProbeResult) => void> = [];

  constructor(private readonly clock: FakeClock) {}

  /** The answers of the coming tries; 'hold' leaves a try running until `release`. */
  answer(...answers: Array<ProbeResult | 'hold'>): void {
    this.answers = answers;
  }

  /** Settles the oldest held try. */
  release(result: ProbeResult): void {
    this.held.shift()?.(result);
  }

  readonly tryProbe: TryProbeFn = (_target, options) => {
    this.tries.push(this.clock.now());
    if (options.signal) this.signals.push(options.signal);
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (answer === 'hold' || answer === undefined) return new Promise((resolve) => this.held.push(resolve));
    return Promise.resolve(answer);
  };
}

/** Lets promise callbacks run, as they would between two timers. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Advances virtual time a millisecond at a time, letting settled tries schedule the next. */
export async function advance(clock: FakeClock, ms: number): Promise<void> {
  for (let i = 0; i < ms; i++) {
    clock.advance(1);
    await flush();
  }
}
