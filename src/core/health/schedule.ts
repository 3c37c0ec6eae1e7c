import { assertNever } from '../process/states';

/** Readiness tries come this often at first: a dev server often listens within ms of its spawn. */
export const FIRST_READINESS_TRY_MS = 10;
/**
 * How many tries keep that pace (about 3 s, most servers' start-up) before the waits start to
 * double: a refused connect on loopback costs microseconds, so the first seconds are worth
 * watching closely, and a process that takes a minute still costs a try per interval after that.
 */
export const FAST_READINESS_TRIES = 300;

/** Readiness looks for the first pass as soon as it can; liveness checks at a steady pace. */
export type Cadence = 'readiness' | 'liveness';

/**
 * The wait before try `index` (0-based), counted from the start of the watch for the first and
 * from the settling of the previous try after that (`now`), so two tries of one probe never
 * overlap. Readiness waits 10 ms for the first FAST_READINESS_TRIES tries, so a server is seen
 * within about 10 ms of opening its port, then 20, 40 … ms, doubling up to the interval.
 * Liveness waits an interval for the first try, then keeps to whole multiples of the interval on
 * the clock: every process with the same interval is tried on the same tick, one wake-up for all
 * of them instead of one each, which is most of what an idle liveness probe costs.
 */
export function delayBeforeTry(cadence: Cadence, index: number, intervalMs: number, now: number): number {
  switch (cadence) {
    case 'readiness': {
      const doublings = Math.max(0, index - FAST_READINESS_TRIES + 1);
      // 2 ** n becomes Infinity, never NaN, so a long wait stays at the interval.
      return Math.min(FIRST_READINESS_TRY_MS * 2 ** doublings, intervalMs);
    }
    case 'liveness': {
      // The first try comes a whole interval after the process was taken for ready: a server with
      // no readiness probe gets that long to come up. Later ones keep at least half an interval apart.
      if (index === 0) return intervalMs;
      const toTick = intervalMs - (now % intervalMs);
      return toTick < intervalMs / 2 ? toTick + intervalMs : toTick;
    }
    default:
      return assertNever(cadence);
  }
}
