import treeKillCb from 'tree-kill';
import { descendantsInTable, findByEnvironment, HAS_PROC, isDead, newestPid, readStat, readTable, walkDescendants, type ProcInfo } from '../system/procTable';

export interface KillTreeOptions {
  /** Sent first, to the process group, to descendants that left it, and to the run's marked processes. */
  signal: NodeJS.Signals;
  /** Grace period before everything still alive gets SIGKILL. */
  timeoutMs: number;
  /**
   * A `KEY=value` environment entry every process of the run inherited. It finds what left the
   * group, the session and the tree (`setsid cmd &`), which nothing else ties to the run.
   */
  marker?: string;
  /**
   * False for a process Procs did not start (a port's holder): only it and its descendants are
   * signalled, never the rest of its process group (`server | pretty-printer` from a shell).
   */
  group?: boolean;
}

/** Resolves when every process of the tree is gone, with the pids that survived even SIGKILL. */
export type KillTreeFn = (pid: number, options: KillTreeOptions) => Promise<number[]>;

// Liveness is polled only while a stop is under way; the kernel offers no exit event for non-children.
// A process takes a few ms to die (a Node child's threads and memory go in 3–5 ms after SIGKILL), so
// for the first ms of a wait it is looked at every ms, then less and less often. A look costs ~10 µs.
const POLL_FINE_MS = 1;
const POLL_FINE_FOR_MS = 16;
const POLL_MAX_MS = 20;
// After SIGKILL the kernel needs moments, not seconds; past this the pid is stuck (D state, EPERM).
const AFTER_KILL_MS = 5000;
// The second look for the run's marker comes this long before the deadline (a scan of a busy
// machine takes milliseconds to tens of them), so the SIGKILL itself lands on time.
const RESCAN_LEAD_MS = 50;

/**
 * Stops `pid` and every descendant: the tree is collected before any signal, since a
 * process that dies first would orphan its children to init and hide them from a later look.
 */
export const killTree: KillTreeFn = async (pid, { signal, timeoutMs, marker, group = true }) => {
  const deadline = Date.now() + timeoutMs;
  const descendants = await descendantsOf(pid, group);
  const known = new Set([pid, ...descendants.map((p) => p.pid)]);
  // Once each: a second SIGINT is "force quit" to many tools, so group members get only the group's.
  if (group) signalPid(-pid, signal);
  // A root that leads no group (another program's, started from a shell) is signalled itself.
  const root = readStat(pid);
  const grouped = (info: ProcInfo): boolean => group && info.pgid === pid;
  if (root && !grouped(root)) signalPid(pid, signal);
  for (const escaped of descendants) if (!grouped(escaped)) signalPid(escaped.pid, signal);
  // Looked for after the signal went out, so the scan runs while the tree is already dying.
  let scannedAfter = newestPid();
  for (const escaped of marked(marker, known)) signalPid(escaped, signal);
  while (await waitGone(known, deadline - Math.min(RESCAN_LEAD_MS, timeoutMs / 2))) {
    // A tree gone early may have forked on its way out (a SIGTERM handler that starts a detached
    // helper, then exits): looked for again, unless no process at all was born since the last scan.
    const newest = newestPid();
    if (newest === scannedAfter) return [];
    scannedAfter = newest;
    const late = marked(marker, known);
    if (late.length === 0) return [];
    for (const escaped of late) signalPid(escaped, signal);
  }
  // What left the tree during the grace (forked, then setsid) still carries the marker.
  if (timeoutMs > 0) for (const late of marked(marker, known)) signalPid(late, signal);
  if (await waitGone(known, deadline)) return [];

  await forceKill(pid, known, group);
  await waitGone(known, Date.now() + AFTER_KILL_MS);
  return [...known].filter(isAlive);
};

/**
 * SIGKILL to everything known at once, so the stop timeout is kept whatever the tree's size.
 * tree-kill (one `ps` a process) only where /proc is missing and the tree could not be read.
 */
async function forceKill(pid: number, known: Set<number>, group: boolean): Promise<void> {
  if (group) signalPid(-pid, 'SIGKILL');
  for (const member of known) signalPid(member, 'SIGKILL');
  if (!HAS_PROC) await new Promise<void>((resolve) => treeKillCb(pid, 'SIGKILL', () => resolve()));
}

/** Marked processes not yet in `known`, which they join. */
function marked(marker: string | undefined, known: Set<number>): number[] {
  if (!marker) return [];
  const found = findByEnvironment(marker).filter((pid) => !known.has(pid) && isAlive(pid));
  for (const pid of found) known.add(pid);
  return found;
}

async function descendantsOf(root: number, group: boolean): Promise<ProcInfo[]> {
  const rootAlive = isAlive(root);
  if (rootAlive) {
    const walked = walkDescendants([root]);
    if (walked) return walked;
  }
  // After a crash the root is gone, and usually its whole group with it: then there is nothing to
  // look for, and skipping the table read keeps the restart prompt.
  if (!rootAlive && !groupExists(root)) return [];
  const table = await readTable();
  // A root that already exited handed its children to init: only its process group still ties them to it.
  const members = group ? table.filter((p) => p.pgid === root && p.pid !== root) : [];
  return [...descendantsInTable(root, table), ...members];
}

/** True while any process, zombies included, is in the group. */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A negative pid signals that process group. */
function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone, which is the goal.
  }
}

/** Alive and not a zombie: a reparented zombie waits for init to reap it but holds nothing (once its threads are gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!HAS_PROC) return true; // kill(0) is all we have
  const info = readStat(pid);
  return info !== undefined && !isDead(info);
}

/** Polls until every pid is gone or the deadline (epoch ms) passes; never sleeps past the deadline. */
async function waitGone(pids: Iterable<number>, deadline: number): Promise<boolean> {
  let alive = [...pids];
  const start = Date.now();
  for (let wait = POLL_FINE_MS; ; ) {
    // A pid once gone stays gone for us (every one of them was looked up before it could be reused).
    alive = alive.filter(isAlive);
    if (alive.length === 0) return true;
    const now = Date.now();
    const left = deadline - now;
    if (left <= 0) return false;
    if (now - start >= POLL_FINE_FOR_MS) wait = Math.min(wait * 2, POLL_MAX_MS);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
  }
}
