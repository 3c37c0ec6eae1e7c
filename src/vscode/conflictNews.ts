import type { PortConflict, ProcessState } from '../core/process/states';

/**
 * Which port conflicts are news to the user: the first one with a given holder, per process. A
 * retry after a backoff passes through `starting`, which clears the conflict, so the state just
 * before a conflict never has it to compare with (without a `ready` probe a retry even passes
 * through `running`): what was told is remembered here instead, until the process has run well
 * (settled), is stopped, or is started again by someone (not by its crash schedule).
 */
export class ConflictNews {
  /** Per process key: the port and holder last told of. */
  private readonly told = new Map<string, string>();

  /** The conflict to tell of after process `key` took `state`; undefined when there is none or it was told. */
  next(key: string, state: ProcessState): PortConflict | undefined {
    if (state.status === 'stopped' || (state.status === 'running' && !state.settling) || (state.status === 'starting' && state.reason !== 'crash')) {
      this.told.delete(key);
      return undefined;
    }
    const conflict = state.conflict;
    if (state.reason !== 'port' || !conflict) return undefined;
    const told = `${conflict.port} ${conflict.holder?.pid} ${conflict.holder?.startedAt}`;
    if (this.told.get(key) === told) return undefined;
    this.told.set(key, told);
    return conflict;
  }
}
