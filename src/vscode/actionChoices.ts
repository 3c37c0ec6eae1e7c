import { STATUS_MEANING, type ProcessStatus } from '../core/process/states';

export type ProcessAction = 'start' | 'stop' | 'restart' | 'showOutput';

/**
 * The actions that do something in this status, the likely one first: Start for a process at
 * rest (or backing off: start now), Restart for one that runs, so Enter on the list does it.
 * Pure, from the status table, so the list agrees with the tree's menus.
 */
export function actionsFor(status: ProcessStatus): ProcessAction[] {
  const meaning = STATUS_MEANING[status];
  const lifecycle: ProcessAction[] = meaning.canStart ? ['start', 'restart', 'stop'] : ['restart', 'stop', 'start'];
  const fitting = lifecycle.filter((action) => (action === 'start' ? meaning.canStart : action === 'stop' ? meaning.canStop : meaning.canRestart));
  return [...fitting, 'showOutput'];
}

/** What Enter on a multi-select takes: the ticked items, or with none ticked the highlighted one. */
export function chosenItems<T>(ticked: readonly T[], highlighted: readonly T[]): readonly T[] {
  return ticked.length > 0 ? ticked : highlighted.slice(0, 1);
}

interface Labelled {
  label: string;
  description?: string;
}

/**
 * The item to highlight for what was typed: the first whose label (icons left out) or description
 * holds it, ignoring case. A multi-select list highlights nothing by itself as one types; a plain
 * substring is among the matches VS Code's filter keeps, so the item highlighted is one on screen.
 */
export function firstMatch<T extends Labelled>(items: readonly T[], typed: string): T | undefined {
  const wanted = typed.trim().toLowerCase();
  const text = (item: T) => `${item.label.replace(/\$\([^)]*\)\s*/g, '')}\n${item.description ?? ''}`.toLowerCase();
  return items.find((item) => text(item).includes(wanted));
}
