import { meets } from './dependencies';
import type { Event } from './events';
import type { ManagedProcess } from './process/managedProcess';
import { assertNever, type ProcessStatus, type ReasonKind } from './process/states';

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

export interface ReadyWait {
  /** The processes waited for, looked up on each change: a reload meanwhile replaces processes, and the old ones stay stopped. */
  wanted: () => readonly ManagedProcess[];
  /** What they wait for, transitively. */
  dependencies: () => readonly ManagedProcess[];
  /** A reload is under way: one that never ran yet may be a replacement about to start. */
  settling: () => boolean;
  /** The supervisor was disposed: its processes are gone with it, not from the config. */
  disposed: () => boolean;
  /** When to look again: state changes, and a reload's end. */
  onChange: ReadonlyArray<Event<unknown>>;
}

/**
 * Resolves once every process wanted is ready, or as soon as one of them is down, or one of what
 * they wait for holds a waiting process up (one that exited 0 is `done`; stopped or disabled, it
 * will not come up by itself). Call it after the start was applied: a process still stopped then is
 * one that will not start.
 */
export function whenReady({ wanted, dependencies, settling, disposed, onChange }: ReadyWait): Promise<ReadyOutcome> {
  const first = wanted();
  const isDown = (process: ManagedProcess): boolean => {
    const { status, reason } = process.state;
    return standing(status) === 'down' && !(status === 'stopped' && reason === 'none' && settling());
  };
  const decide = (): ReadyOutcome | undefined => {
    const [chosen, needed] = [wanted(), dependencies()];
    if (chosen.length === 0 && first.length > 0) {
      return { ok: false, name: first[0].name, status: 'stopped', reason: 'none', message: disposed() ? 'Procs stopped' : 'no longer in the config' };
    }
    const everyone = [...chosen, ...needed];
    const down = needed.find((process) => isDown(process) && holdsUp(process, everyone)) ?? chosen.find(isDown);
    if (!down) return chosen.every((process) => standing(process.state.status) === 'ready') ? { ok: true } : undefined;
    const { status, reason, message } = down.state;
    return { ok: false, name: down.name, status, reason, message };
  };
  const now = decide();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const look = (): void => {
      const outcome = decide();
      if (!outcome) return;
      for (const subscription of subscriptions) subscription.dispose();
      resolve(outcome);
    };
    const subscriptions = onChange.map((event) => event(look));
  });
}

/**
 * A dependency (down: at rest, or backing off, which is what a waiter wants to hear, not the
 * retry) that keeps a process still waiting for it from starting. A dependent that already spawned
 * waits for nothing.
 */
function holdsUp(dependency: ManagedProcess, processes: readonly ManagedProcess[]): boolean {
  return processes.some(
    (process) => process.state.status === 'waiting' && process.spec.dependsOn.some((need) => need.name === dependency.spec.name && !meets(dependency.state, need)),
  );
}
