import type { ProcessSpec } from './config/types';

/** What a selector can see of a process instance. */
export interface Selectable {
  /** Instance name: `api` or `api#2`. */
  name: string;
  spec: ProcessSpec;
}

/** The selector that means every process. */
export const ALL = 'all';

export interface Selection<T> {
  matched: T[];
  /** Selectors that named nothing, so faces can say so. */
  unknown: string[];
}

/**
 * Resolves selectors (a process name, an instance such as `api#2`, a group, or `all`)
 * to instances in config order, each once. A process name wins over a group of the same name.
 */
export function select<T extends Selectable>(items: readonly T[], selectors: readonly string[]): Selection<T> {
  const chosen = new Set<T>();
  const unknown: string[] = [];
  for (const selector of selectors) {
    const hits = items.filter((item) => matches(item, selector));
    if (hits.length === 0) unknown.push(selector);
    for (const hit of hits) chosen.add(hit);
  }
  return { matched: items.filter((item) => chosen.has(item)), unknown };
}

/** What a start means by its selectors: `all` covers only autostart processes; names and groups cover everything they name. */
export function pick<T extends Selectable>(items: readonly T[], selectors: readonly string[]): T[] {
  const explicit = selectors.filter((selector) => !isAll(selector));
  const chosen = new Set(select(items, explicit).matched);
  if (explicit.length < selectors.length) for (const item of items) if (item.spec.autostart) chosen.add(item);
  return items.filter((item) => chosen.has(item));
}

/** `all`, or `*` as a shell-minded user writes it. */
export function isAll(selector: string): boolean {
  return selector === ALL || selector === '*';
}

function matches(item: Selectable, selector: string): boolean {
  if (isAll(selector)) return true;
  if (item.name === selector || item.spec.name === selector) return true;
  return item.spec.groups.includes(selector);
}

/** Instance names for a spec: `api` alone, or `api#1` … `api#N`. */
export function instanceNames(spec: ProcessSpec): string[] {
  if (spec.instances <= 1) return [spec.name];
  return Array.from({ length: spec.instances }, (_, i) => `${spec.name}#${i + 1}`);
}
