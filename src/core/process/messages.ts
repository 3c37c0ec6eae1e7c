import type { ExitInfo } from './states';

// Every state message is built here, so the tree view, status bar and CLI all read alike.

/** `/bin/sh -c` reports a command it cannot find as exit code 127. */
const SHELL_COMMAND_NOT_FOUND = 127;

/** How a run ended, in plain words. */
export function describeExit(exit: ExitInfo, viaShell: boolean): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (viaShell && exit.code === SHELL_COMMAND_NOT_FOUND) return 'command not found (the shell exited with code 127)';
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** Why a child could not be spawned, from the error Node reports. */
export function describeSpawnError(error: NodeJS.ErrnoException, file: string): string {
  switch (error.code) {
    case 'ENOENT':
      return `command not found: ${file}`;
    case 'EACCES':
      return `permission denied: ${file}`;
    default:
      // Only the code: Node's message may quote an argument or an environment value.
      return `could not start ${file} (${error.code ?? 'unknown error'})`;
  }
}

/** Names the variable only: its value may be a secret. */
export function envHasNul(variable: string): string {
  return `env ${JSON.stringify(variable).slice(1, -1)} contains a NUL byte`;
}

export function workingDirectoryNotFound(cwd: string): string {
  return `working directory not found: ${cwd}`;
}

export function restartingIn(ended: string, delayMs: number): string {
  return `${ended} · restarting in ${spokenDelay(delayMs)}`;
}

const DELAY_UNITS: ReadonlyArray<[ms: number, unit: string]> = [
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/**
 * A delay in the largest unit that states it exactly to one decimal: `1.5 s`, `15 min`, `61 s`;
 * under a second, or where no unit is exact, in seconds to the millisecond: `0.1 s`, `0.25 s`,
 * `1.234 s`. Backoff schedules run from 100 ms to hours, and `900000 ms` reads as noise. Every
 * face says delays through this one function, so a tree row and a channel line never disagree.
 */
export function spokenDelay(ms: number): string {
  for (const [size, unit] of DELAY_UNITS) {
    if (ms >= size && (ms * 10) % size === 0) return `${ms / size} ${unit}`;
  }
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * The time left before something due, counted down: whole seconds rounded up from a second on
 * (`9 s`, `2 min`), tenths below (`0.4 s`), so a 100 ms backoff reads `0.1 s`, never `1 s`.
 */
export function spokenCountdown(remainingMs: number): string {
  const ms = Math.max(0, remainingMs);
  if (ms > 1000) return spokenDelay(Math.ceil(ms / 1000) * 1000);
  return spokenDelay(Math.ceil(ms / 100) * 100);
}

export function gaveUp(ended: string, restarts: number): string {
  return `${ended} · gave up after ${restarts} ${restarts === 1 ? 'restart' : 'restarts'}`;
}

export function startingMessage(reason: string | undefined): string {
  return reason ? `restarting: ${reason}` : 'starting';
}

export function runningMessage(pid: number | undefined): string {
  return pid === undefined ? 'running' : `running (pid ${pid})`;
}

export function stoppedMessage(survivors: readonly number[]): string {
  return survivors.length === 0 ? 'stopped' : `stopped, but pids ${survivors.join(', ')} did not die`;
}

export function waitingForProbe(probe: string): string {
  return `starting · waiting for ${probe}`;
}

/** `not ready after 60 s: tcp 127.0.0.1:5432 refused` */
export function notReady(deadlineMs: number, detail: string): string {
  return `not ready after ${spokenDelay(deadlineMs)}: ${detail}`;
}

/** `unhealthy: GET /health → 503, 3 times in a row` */
export function unhealthy(detail: string, failures: number): string {
  return `unhealthy: ${detail}, ${failures} ${failures === 1 ? 'time' : 'times'} in a row`;
}

export const STILL_RUNNING_PREVIOUS = 'still running the previous build';

export function buildFailedStillRunning(): string {
  return `build failed · ${STILL_RUNNING_PREVIOUS}`;
}

export const STOPPING_MESSAGE = 'stopping';
export const DISABLED_MESSAGE = 'disabled in the config';
