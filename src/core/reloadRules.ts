import type { ProcessSpec } from './config/types';
import { restartsOnChange, type ProcessStatus } from './process/states';

/** How far the supervisor is up: not at all, for what selectors named (`procs up api`), or for everything. */
export type UpScope = 'down' | 'named' | 'all';

/** Whether a process a reload adds starts: when the supervisor is up for everything and it starts by itself. */
export function startsWhenAdded(spec: ProcessSpec, up: UpScope): boolean {
  return up === 'all' && spec.autostart && !spec.disabled;
}

/**
 * What a reload does with a process whose entry changed, from how its old instances stand. One
 * that ran comes back running. One that ended on its own (exited, gave up) starts again while the
 * supervisor is up: the change may be its fix. One that was disabled starts as an added one would.
 * One that was stopped, by hand or never started, stays so.
 */
export function changedFate(spec: ProcessSpec, was: readonly ProcessStatus[], up: UpScope): 'restart' | 'start' | 'leave' {
  if (spec.disabled) return 'leave';
  if (was.some(restartsOnChange)) return 'restart';
  const endedOnItsOwn = was.some((status) => status === 'exited' || status === 'failed');
  if (spec.autostart && up !== 'down' && endedOnItsOwn) return 'start';
  return was.includes('disabled') && startsWhenAdded(spec, up) ? 'start' : 'leave';
}
