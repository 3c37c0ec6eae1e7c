import { assertNever } from '../process/states';

/** The first readiness try comes this soon after spawn: a dev server often listens within ms. */
export const FIRST_READINESS_TRY_MS = 10;

/** Readiness looks for the first pass as soon as it can; liveness checks at a steady pace. */
export type Cadence = 'readiness' | 'liveness';

/**
 * The wait before try `index` (0-based), counted from the start of the watch for the first and
 * from the settling of the previous try after that, so two tries of one probe never overlap.
 * Readiness waits 10, 20, 40 … ms, doubling up to the interval: a server that is up at once is
 * seen within milliseconds, and one that takes a minute costs a try per interval, not thousands.
 * Liveness waits the interval every time.
 */
export function delayBeforeTry(cadence: Cadence, index: number, intervalMs: number): number {
  switch (cadence) {
    case 'readiness':
      // 2 ** index becomes Infinity, never NaN, so a long wait stays at the interval.
      return Math.min(FIRST_READINESS_TRY_MS * 2 ** index, intervalMs);
    case 'liveness':
      return intervalMs;
    default:
      return assertNever(cadence);
  }
}
