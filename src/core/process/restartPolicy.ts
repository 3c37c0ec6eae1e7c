import type { RestartPolicy } from '../config/types';
import { delayFor } from './backoff';
import { assertNever, type ExitInfo } from './states';

export interface RestartInput {
  policy: RestartPolicy;
  /** How the run ended; `undefined` when the child could not be spawned at all. */
  exit: ExitInfo | undefined;
  /** The stop was asked for (stop, restart, dispose): never restart on our own then. */
  stopRequested: boolean;
  /** Automatic restarts in a row so far, after the reset rule was applied. */
  consecutiveRestarts: number;
  maxRestarts: number | null;
  scheduleMs: readonly number[];
}

export type RestartDecision = { kind: 'restart'; delayMs: number } | { kind: 'exit' } | { kind: 'fail' };

/** A clean exit is code 0; a signal, another code or a failed spawn is a failure. */
export function isFailure(exit: ExitInfo | undefined): boolean {
  return exit === undefined || exit.code !== 0;
}

/** What to do after a run ended: the whole restart policy in one place. */
export function decideRestart(input: RestartInput): RestartDecision {
  if (input.stopRequested) return { kind: 'exit' };
  switch (input.policy) {
    case 'never':
      return { kind: 'exit' };
    case 'on-failure':
      if (!isFailure(input.exit)) return { kind: 'exit' };
      break;
    case 'always':
      break;
    default:
      return assertNever(input.policy);
  }
  if (input.maxRestarts !== null && input.consecutiveRestarts >= input.maxRestarts) return { kind: 'fail' };
  const delayMs = delayFor(input.scheduleMs, input.consecutiveRestarts);
  return delayMs === undefined ? { kind: 'exit' } : { kind: 'restart', delayMs };
}
