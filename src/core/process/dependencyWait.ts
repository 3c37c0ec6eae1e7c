import type { ProcessSpec } from '../config/types';
import type { Disposable, Event } from '../events';

/** What a start waits for before anything is spawned: the supervisor knows the other processes. */
export interface DependencyGate {
  /** What is still awaited (`db (starting)`), or undefined once every dependency meets its condition. */
  blockedBy(spec: ProcessSpec): string | undefined;
  /** Fires whenever a dependency may have moved on. */
  readonly onDidChange: Event<unknown>;
}

/**
 * Waits until `spec`'s dependencies are met: `show` hears what it waits for each time that changes
 * (`db (starting)`, then `db: failed, …`), `met` once, when nothing is awaited any more.
 */
export function waitForDependencies(
  gate: DependencyGate,
  spec: ProcessSpec,
  blocked: string,
  on: { show(what: string): void; met(): void },
): Disposable {
  let shown = blocked;
  on.show(blocked);
  const subscription = gate.onDidChange(() => {
    const still = gate.blockedBy(spec);
    if (still === undefined) {
      subscription.dispose();
      on.met();
    } else if (still !== shown) {
      shown = still;
      on.show(still);
    }
  });
  return subscription;
}
