import type { ProcessState } from '../core/process/states';
import type { ProcessSpec } from '../core/config/types';
import type { ResourceSample } from '../core/system/treeSample';
import { PORT_MARKS, portMark } from './webPorts';

/** `.node` on a row whose tree runs Node (or may: see `runsNode`), seen in its last sample: where the inline Debug applies. */
export const NODE_MARKS = ['', '.node'] as const;
/** `.debugging` on a row being debugged: where Stop Debugging applies, whatever the other rows are doing. */
export const DEBUG_MARKS = ['', '.debugging'] as const;

/** Every tail a row's `contextValue` can have after its status, in the order marks are written. */
export const ROW_MARKS: readonly string[] = PORT_MARKS.flatMap((port) => NODE_MARKS.flatMap((node) => DEBUG_MARKS.map((debug) => `${port}${node}${debug}`)));

/**
 * A process row's `contextValue`, which the menus' `when` clauses match:
 * `procs.process.<status>`, then its port mark, then `.node`, then `.debugging`.
 */
export function rowContext(state: ProcessState, spec: ProcessSpec, sample: ResourceSample | undefined): string {
  // Unknown (no binary readable) offers Debug too: it says so if the process is not Node.
  const node = sample !== undefined && sample.runsNode !== false ? '.node' : '';
  const debugging = state.debug ? '.debugging' : '';
  return `procs.process.${state.status}${portMark(spec, sample, state)}${node}${debugging}`;
}
