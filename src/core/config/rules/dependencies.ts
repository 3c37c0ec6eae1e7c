import type { Segment } from 'jsonc-parser';
import { DependencyGraph } from '../../graph/dependencyGraph';
import { formatPath, type ProblemLocator, type ProblemTarget } from '../problems';
import type { RawConfig } from '../rawConfig';
import type { ConfigProblem, ProcessSpec } from '../types';

/** One name written under `dependsOn`: an item of the list form, or a key of the object form. */
interface Entry {
  process: string;
  name: string;
  segments: Segment[];
  target: ProblemTarget;
}

/**
 * Names in `dependsOn` that are no process, and cycles, which would leave every process on them
 * waiting forever. Each at the entry that names it; a cycle is named in full at its first process's
 * entry for the next one, so the message shows the whole loop to break. `specs` give the config order.
 */
export function checkDependencies(raw: RawConfig, specs: readonly ProcessSpec[], locator: ProblemLocator): ConfigProblem[] {
  const entries = dependencyEntries(raw);
  const report = (entry: Entry, message: string): ConfigProblem =>
    locator.atPath('error', entry.segments, entry.target, `${formatPath(entry.segments)}: ${message}`);
  const groups = new Set(specs.flatMap((spec) => spec.groups));
  const unknown = entries
    .filter((entry) => !Object.hasOwn(raw.processes, entry.name))
    .map((entry) =>
      report(entry, groups.has(entry.name) ? `"${entry.name}" is a group; name its processes` : `no process named "${entry.name}"`),
    );
  const cycles = new DependencyGraph(specs).cycles().map((cycle) => {
    const [first, next] = cycle;
    const entry = entries.find((e) => e.process === first && e.name === next) ?? wholeList(first);
    return report(entry, `dependency cycle: ${cycle.join(' → ')}`);
  });
  return [...unknown, ...cycles];
}

/** Where a cycle is shown should its entry not be found; the graph's edges all come from entries, so this is a guard, not a case. */
function wholeList(process: string): Entry {
  return { process, name: '', segments: ['processes', process, 'dependsOn'], target: 'key' };
}

function dependencyEntries(raw: RawConfig): Entry[] {
  return Object.entries(raw.processes).flatMap(([process, { dependsOn }]): Entry[] => {
    const base = ['processes', process, 'dependsOn'];
    if (dependsOn === undefined) return [];
    if (Array.isArray(dependsOn)) return dependsOn.map((name, i) => ({ process, name, segments: [...base, i], target: 'value' }));
    return Object.keys(dependsOn).map((name) => ({ process, name, segments: [...base, name], target: 'key' }));
  });
}
