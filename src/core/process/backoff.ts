/**
 * Delay before restart number `attempt` (0-based) of a run of consecutive restarts.
 * The last delay repeats; an empty schedule means "never restart" (undefined).
 */
export function delayFor(scheduleMs: readonly number[], attempt: number): number | undefined {
  if (scheduleMs.length === 0) return undefined;
  return scheduleMs[Math.min(Math.max(attempt, 0), scheduleMs.length - 1)];
}

/**
 * A run that stayed up at least `resetAfterMs` was healthy, so the next crash
 * starts the schedule (and the count towards maxRestarts) from the beginning.
 */
export function consecutiveAfterRun(consecutive: number, runMs: number, resetAfterMs: number): number {
  return runMs >= resetAfterMs ? 0 : consecutive;
}

/** How long a run that follows a crash must stay up to count as running well again (10 s, or resetAfter if shorter). */
export function settledAfterMs(resetAfterMs: number): number {
  return Math.min(SETTLED_AFTER_MS, resetAfterMs);
}

/** Long enough to outlast the quick crashes of a loop, short enough that a fixed process stops warning soon. */
const SETTLED_AFTER_MS = 10_000;
