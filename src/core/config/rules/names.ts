import type { Segment } from 'jsonc-parser';
import { ALL } from '../../selectors';
import { formatPath, type ProblemLocator } from '../problems';
import type { RawConfig } from '../rawConfig';
import type { ConfigProblem } from '../types';

/**
 * Names a selector or the CLI already gives a meaning: a process or group called `all` could never
 * be picked alone, and one called `procs` would print lines that pass for the supervisor's own.
 */
const RESERVED: Record<string, string> = {
  [ALL]: 'it selects every process',
  '*': 'it selects every process',
  procs: 'Procs prints its own lines under it',
};

/** True for a name no process or group may take. */
export function isReservedName(name: string): boolean {
  return Object.hasOwn(RESERVED, name);
}

/** Process names and group names that are reserved: at the process key, at the group value. */
export function checkReservedNames(raw: RawConfig, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (name: string, segments: Segment[], target: 'key' | 'value'): void => {
    if (!isReservedName(name)) return;
    const message = `${formatPath(segments)}: "${name}" is reserved (${RESERVED[name]}); choose another name`;
    problems.push(locator.atPath('error', segments, target, message));
  };
  for (const name of Object.keys(raw.processes)) report(name, ['processes', name], 'key');
  for (const { group, segments } of groupEntries(raw)) report(group, segments, 'value');
  return problems;
}

/** `procs up web` must mean one thing, so a group may not share a name with a process. */
export function checkGroupNames(raw: RawConfig, locator: ProblemLocator): ConfigProblem[] {
  return groupEntries(raw)
    .filter(({ group }) => Object.hasOwn(raw.processes, group))
    .map(({ group, segments }) => {
      const message = `${formatPath(segments)}: "${group}" is also a process name; give the group a name of its own`;
      return locator.atPath('error', segments, 'value', message);
    });
}

/** Every group name written, with the path of its value: `group` is one name or a list of them. */
function groupEntries(raw: RawConfig): Array<{ group: string; segments: Segment[] }> {
  return Object.entries(raw.processes).flatMap(([name, process]) => {
    const base = ['processes', name, 'group'];
    const group = process.group;
    if (group === undefined) return [];
    if (typeof group === 'string') return [{ group, segments: base }];
    return group.map((g, i) => ({ group: g, segments: [...base, i] }));
  });
}
