import type { ResourceLimits } from '../config/types';
import type { Disposable } from '../events';
import { LimitWatch } from './limitCheck';
import type { ResourceSampler } from './resourceSampler';

/** The part of a managed process the enforcer needs. */
export interface Limited {
  readonly spec: { readonly limits: ResourceLimits | undefined };
  overLimit(pid: number, message: string): void;
}

/**
 * Holds every run with limits to them, reading by reading: one watch per run (a new pid or a new
 * config starts a new one), and a run over its limit is handed to its process to restart.
 */
export function enforceLimits(sampler: ResourceSampler, lookup: (name: string) => Limited | undefined): Disposable {
  const watches = new Map<string, { pid: number; limits: ResourceLimits; watch: LimitWatch }>();
  return sampler.onDidSample((samples) => {
    for (const sample of samples) {
      const process = lookup(sample.name);
      const limits = process?.spec.limits;
      if (!process || !limits) {
        watches.delete(sample.name);
        continue;
      }
      let entry = watches.get(sample.name);
      if (!entry || entry.pid !== sample.pid || entry.limits !== limits) {
        entry = { pid: sample.pid, limits, watch: new LimitWatch(limits) };
        watches.set(sample.name, entry);
      }
      const breach = entry.watch.check(sample);
      if (!breach) continue;
      watches.delete(sample.name);
      process.overLimit(sample.pid, breach.message);
    }
  });
}
