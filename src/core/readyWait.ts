import { meets } from './dependencies';
import type { Event } from './events';
import type { ManagedProcess } from './process/managedProcess';
import { assertNever, type ProcessStateChange, type ProcessStatus, type ReasonKind } from './process/states';

/** How a wait for readiness ended: every process ready, or the first that cannot be, with its state's reason. */
export type ReadyOutcome =
  | { ok: true }
  | {
      ok: false;
      /** The instance that is not coming up: the one waited for, or a dependency of it. */
      name: string;
      status: ProcessStatus;
      reason: ReasonKind;
      message: string;
    };

type Standing = 'ready' | 'pending' | 'down';

/**
 * Ready is `running` (its probe passed, or it spawned without one). A process on its way is pending;
 * one backing off could not start this time, which is what a waiter wants to hear, not the retry.
 */
function standing(status: ProcessStatus): Standing {
  switch (status) {
    case 'running':
      return 'ready';
    case 'waiting':
    case 'starting':
    case 'stopping':
      return 'pending';
    case 'backoff':
    case 'failed':
    case 'exited':
    case 'stopped':
    case 'disabled':
      return 'down';
    default:
      return assertNever(status);
  }
}

/**
 * A dependency that keeps a dependent waiting for ever: at rest (or backing off, which is what a
 * waiter wants to hear, not the retry) without what a process still waiting for it needs. A
 * dependent that already spawned waits for nothing.
 */
function holdsUp(dependency: ManagedProcess, processes: readonly ManagedProcess[]): boolean {
  const { status, reason } = dependency.state;
  // Never run yet: a reload's replacement, started once the tree it replaces is gone.
  if (standing(status) !== 'down' || (status === 'stopped' && reason === 'none')) return false;
  return processes.some(
    (process) => process.state.status === 'waiting' && process.spec.dependsOn.some((need) => need.name === dependency.spec.name && !meets(dependency.state, need)),
  );
}

/**
 * Resolves once every process in `wanted` is ready, or as soon as one of them is down, or one of
 * what they wait for (`dependencies`) holds a waiting process up (one that exited 0 is `done`;
 * stopped or disabled, it will not come up by itself).
 * Call it after the start was applied: a process still stopped then is one that will not start.
 */
export function whenReady(
  wanted: () => readonly ManagedProcess[],
  dependencies: () => readonly ManagedProcess[],
  onDidChangeState: Event<ProcessStateChange>,
): Promise<ReadyOutcome> {
  // Looked up on each change: a reload meanwhile replaces processes, and the old ones stay stopped.
  const decide = (): ReadyOutcome | undefined => {
    const [chosen, needed] = [wanted(), dependencies()];
    const everyone = [...chosen, ...needed];
    const down = needed.find((process) => holdsUp(process, everyone)) ?? chosen.find((process) => standing(process.state.status) === 'down');
    if (down) {
      const { status, reason, message } = down.state;
      return { ok: false, name: down.name, status, reason, message };
    }
    return chosen.every((process) => standing(process.state.status) === 'ready') ? { ok: true } : undefined;
  };
  const now = decide();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const subscription = onDidChangeState(() => {
      const outcome = decide();
      if (!outcome) return;
      subscription.dispose();
      resolve(outcome);
    });
  });
}
