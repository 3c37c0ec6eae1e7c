import type { ProcessStateChange } from '../core/process/states';

/**
 * Context keys the walkthrough's later steps complete on (`onContext:<key>` in package.json): each
 * is set once the user has seen the step's feature work, not when they merely opened the file.
 */
export const WALKTHROUGH_KEYS = {
  /** A process was restarted for a change: a saved file it watches (reason `change`). */
  restartedOnChange: 'procs.walkthrough.restartedOnChange',
  /** A process became ready by its readiness probe. */
  becameReady: 'procs.walkthrough.becameReady',
} as const;

/** The walkthrough keys one state change earns: each on the change that brings a run up. */
export function milestonesOf({ previous, current }: ProcessStateChange): string[] {
  const keys: string[] = [];
  if (current.status !== 'running' || previous.status === 'running') return keys;
  if (current.reason === 'change') keys.push(WALKTHROUGH_KEYS.restartedOnChange);
  if (current.probe?.readyAfterMs !== undefined) keys.push(WALKTHROUGH_KEYS.becameReady);
  return keys;
}
