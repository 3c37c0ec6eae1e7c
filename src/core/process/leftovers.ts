import { findByEnvironment, parseEnviron, readEnviron, readStat } from '../system/procTable';
import { isAlive, killTree as realKillTree, type KillTreeFn } from './killTree';
import { CONFIG_VAR, RUN_VAR, runMarker, SELF_ID, SUPERVISOR_VAR, supervisorId } from './runMarks';

/** One run of an earlier supervisor that ended abruptly (SIGKILL, a crashed extension host). */
export interface Leftover {
  /** The instance name it ran as (`api`, `api#2`). */
  name: string;
  /** The run's topmost surviving process: the one a user would know it by. */
  pid: number;
  /** Every surviving process of the run. */
  pids: number[];
  /** The run's environment marker, which finds members forked after the look. */
  marker: string;
}

const LEFTOVER_GRACE_MS = 2000;

/**
 * Processes started for `configFile` by a supervisor that is gone, one entry a run. A supervisor
 * that still lives (another window, another `procs up`) keeps its processes: they are not leftovers.
 */
export function findLeftovers(configFile: string): Leftover[] {
  const runs = new Map<string, { name: string; pids: number[]; marker: string }>();
  for (const pid of findByEnvironment(`${CONFIG_VAR}=${configFile}`)) {
    const environ = readEnviron(pid);
    if (!environ) continue;
    const vars = parseEnviron(environ);
    const owner = vars.get(SUPERVISOR_VAR);
    const token = vars.get(RUN_VAR);
    if (!owner || !token || owner === SELF_ID || supervisorAlive(owner)) continue;
    const run = runs.get(token) ?? { name: vars.get('PROCS_NAME') ?? '?', pids: [], marker: runMarker(token) };
    run.pids.push(pid);
    runs.set(token, run);
  }
  return [...runs.values()].map((run) => ({ ...run, pid: topmost(run.pids) }));
}

/**
 * Stops every leftover of `configFile` (signal, grace, then SIGKILL, by the run's marker) and says
 * which were found. Safe to call before anything starts: our own processes are never leftovers.
 */
export async function stopLeftovers(configFile: string, killTree: KillTreeFn = realKillTree): Promise<Leftover[]> {
  const leftovers = findLeftovers(configFile);
  await Promise.all(
    leftovers.map((leftover) => killTree(leftover.pid, { signal: 'SIGTERM', timeoutMs: LEFTOVER_GRACE_MS, marker: leftover.marker })),
  );
  return leftovers;
}

/** `stopped 3 processes left by an earlier run that ended abruptly: api (pid 812), …` */
export function describeLeftovers(leftovers: readonly Leftover[]): string {
  const count = leftovers.length === 1 ? '1 process' : `${leftovers.length} processes`;
  const list = leftovers.map((leftover) => `${leftover.name} (pid ${leftover.pid})`).join(', ');
  return `stopped ${count} left by an earlier run that ended abruptly: ${list}`;
}

/** A zombie (killed, and its parent never reaped it) keeps its pid and start time but supervises nothing. */
function supervisorAlive(id: string): boolean {
  const pid = Number(id.split(':')[0]);
  return Number.isInteger(pid) && pid > 0 && supervisorId(pid) === id && isAlive(pid);
}

/** The one whose parent is not of the same run. */
function topmost(pids: readonly number[]): number {
  const members = new Set(pids);
  return pids.find((pid) => !members.has(readStat(pid)?.ppid ?? -1)) ?? Math.min(...pids);
}
