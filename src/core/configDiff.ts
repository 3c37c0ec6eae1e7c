import type { ProcessSpec } from './config/types';

export interface ConfigDiff {
  added: ProcessSpec[];
  removed: string[];
  changed: ProcessSpec[];
  unchanged: string[];
}

/** Compares two sets of specs by name; a spec counts as changed when any resolved field differs. */
export function diffSpecs(previous: readonly ProcessSpec[], next: readonly ProcessSpec[]): ConfigDiff {
  const before = new Map(previous.map((spec) => [spec.name, spec]));
  const diff: ConfigDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const spec of next) {
    const old = before.get(spec.name);
    if (!old) diff.added.push(spec);
    else if (sameSpec(old, spec)) diff.unchanged.push(spec.name);
    else diff.changed.push(spec);
    before.delete(spec.name);
  }
  diff.removed.push(...before.keys());
  return diff;
}

/**
 * Specs are plain data built in a fixed key order by the parser, so their JSON is a faithful
 * comparison, once a log probe's RegExp is written as its source (JSON would make every one `{}`).
 */
function sameSpec(a: ProcessSpec, b: ProcessSpec): boolean {
  return specText(a) === specText(b);
}

function specText(spec: ProcessSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
}
