import type { ConfigProblem } from './config/types';
import type { ManagedProcessDeps } from './process/managedTypes';
import type { ProcReader } from './system/treeSample';

export interface ApplyReport {
  /** False when the config had errors: nothing was touched. */
  applied: boolean;
  problems: ConfigProblem[];
  started: string[];
  stopped: string[];
  restarted: string[];
}

export interface SupervisorOptions {
  processDeps?: Partial<ManagedProcessDeps>;
  /** The sampler's reads and interval (tests count the reads, the bench times them). */
  resources?: { reader?: ProcReader; intervalMs?: number };
}
