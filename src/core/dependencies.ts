import type { Dependency, ProcessSpec } from './config/types';
import type { Event } from './events';
import type { DependencyGate } from './process/dependencyWait';
import type { ManagedProcess } from './process/managedProcess';
import { assertNever, type ProcessState } from './process/states';

/**
 * The supervisor's answer to "may this process start yet?": every instance of every dependency
 * must meet its condition. Re-asked on every state change of the supervisor's processes.
 */
export class DependencyWaits implements DependencyGate {
  constructor(
    /** The instances of a process, by its name in the config. */
    private readonly instancesOf: (name: string) => readonly ManagedProcess[],
    readonly onDidChange: Event<unknown>,
  ) {}

  blockedBy(spec: ProcessSpec): string | undefined {
    for (const dependency of spec.dependsOn) {
      for (const process of this.instancesOf(dependency.name)) {
        if (!meets(process.state, dependency)) return describeWait(process.name, process.state);
      }
    }
    return undefined;
  }
}

/** `ready`: running (its probe passed, or it has none); `started`: spawned; `done`: exited with code 0. */
export function meets(state: ProcessState, { condition }: Dependency): boolean {
  switch (condition) {
    case 'ready':
      return state.status === 'running';
    case 'started':
      return (state.status === 'starting' || state.status === 'running') && state.pid !== undefined;
    case 'done':
      return state.status === 'exited' && state.lastExit?.code === 0;
    default:
      return assertNever(condition);
  }
}

/** `db (starting)`, or with the reason when it has stopped for good: `db: failed, … gave up after 5 restarts`. */
function describeWait(name: string, state: ProcessState): string {
  if (state.status === 'failed' || state.status === 'exited' || state.status === 'backoff') return `${name}: ${state.status}, ${state.message}`;
  return `${name} (${state.status})`;
}
