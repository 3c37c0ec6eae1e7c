import type { ManagedProcess } from './process/managedProcess';

/** Processes whose entry left (a reload, a dispose), each with its disposal: a stop that may be in its grace. */
export class Retirements {
  private readonly disposals = new Map<ManagedProcess, Promise<void>>();

  /** Disposes each (its tree stopped, its output closed); resolves once all are done. */
  async retire(processes: readonly ManagedProcess[]): Promise<void> {
    const disposals = processes.map((process) => {
      const disposal = process.dispose();
      this.disposals.set(process, disposal);
      return disposal;
    });
    try {
      await Promise.all(disposals);
    } finally {
      for (const process of processes) this.disposals.delete(process);
    }
  }

  /** Those still being disposed. */
  get processes(): ManagedProcess[] {
    return [...this.disposals.keys()];
  }

  /**
   * Resolves once every one is stopped: a shutdown must not leave one in its grace. Their stops
   * began with their own timeout, so a shorter `graceMs` ends them with SIGKILL.
   */
  async settled(graceMs?: number): Promise<void> {
    const force = graceMs === undefined ? undefined : setTimeout(() => void Promise.all(this.processes.map((process) => process.kill())), graceMs);
    try {
      await Promise.all(this.disposals.values());
    } finally {
      clearTimeout(force);
    }
  }
}
