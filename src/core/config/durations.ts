/**
 * Durations and sizes as users write them in `.procs.json`. The schema uses the same patterns
 * (a test keeps them equal), so the editor and the parser accept exactly the same strings.
 */

export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
export const SIZE_PATTERN = /^(\d+(?:\.\d+)?)(B|KB|MB|GB)$/;
export const PERCENT_PATTERN = /^(\d+(?:\.\d+)?)%$/;

/** Node keeps a timer's delay in a signed 32-bit count of ms: a longer one overflows and fires after 1 ms. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTES_PER_UNIT: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** Milliseconds for a number of milliseconds or a string like "250ms", "1.5s", "2m", "1h"; undefined if neither, or too long to time. */
export function parseDuration(value: unknown): number | undefined {
  const ms = parseWithUnits(value, DURATION_PATTERN, MS_PER_UNIT);
  return ms !== undefined && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** The milliseconds of a duration the schema has already checked; a failure is a bug in the schema or the parser. */
export function validatedMs(value: unknown): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new Error(`schema let through a bad duration: ${JSON.stringify(value)}`);
  return ms;
}

/** Why a well-written duration cannot be used ("600h" overflows a timer), or undefined. */
export function durationLimitProblem(value: unknown): string | undefined {
  const ms = parseWithUnits(value, DURATION_PATTERN, MS_PER_UNIT);
  return ms !== undefined && ms > MAX_DURATION_MS ? 'longer than the longest wait Procs can time (24.8 days)' : undefined;
}

/** Bytes for a number of bytes or a string like "512KB", "10MB", "1GB" (1024-based); undefined if neither. */
export function parseSize(value: unknown): number | undefined {
  return parseWithUnits(value, SIZE_PATTERN, BYTES_PER_UNIT);
}

/** A percentage for a number or a string like "90%", "150%"; undefined if neither. */
export function parsePercent(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = typeof value === 'string' ? PERCENT_PATTERN.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

function parseWithUnits(value: unknown, pattern: RegExp, factors: Record<string, number>): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = pattern.exec(value);
  if (!match) return undefined;
  // Rounded: timers and byte counts are whole numbers, and "1.5KB" should not yield 1536.0000001.
  return Math.round(Number(match[1]) * factors[match[2]]);
}
