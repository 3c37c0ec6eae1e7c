import { listeningByPid, uniquePorts, type ListeningSocket } from './ports';
import { readExecutable, readIdentity, type ProcIdentity } from './procIdentity';
import { readTrees, TICKS_PER_SECOND, type ProcInfo } from './procTable';

/** What one instance's process tree costs and holds at one moment. */
export interface ResourceSample {
  /** Instance name (`api`, `api#2`). */
  name: string;
  /** The run's root pid (the spawned process). */
  pid: number;
  /** Epoch ms of the reading. */
  at: number;
  /** Summed over the tree, in % of one core since the previous reading; undefined on a run's first. */
  cpuPercent: number | undefined;
  /** Resident memory summed over the tree. */
  rssBytes: number;
  /** Listening TCP ports of the whole tree, each once, lowest first. */
  ports: ListeningSocket[];
  /** Processes in the tree, the root included. */
  processCount: number;
  /**
   * Where a wrapper remains (npm, a shell script): the process doing the work (`workerOf`).
   * Undefined when the root is the only process or does the work itself.
   */
  worker: ProcIdentity | undefined;
  /**
   * Some process of the tree runs a Node binary: the one kind Debug can attach to. Undefined when no
   * binary could be read (no /proc, as on macOS): Debug is offered then, and says if it is not Node.
   */
  runsNode: boolean | undefined;
}

/** The reads a sample takes, as a seam: a test counts them to prove nothing is read while nobody looks. */
export interface ProcReader {
  /** Each root's tree, root first (empty for a root that is gone), read together. */
  trees(roots: readonly number[]): Promise<ProcInfo[][]>;
  listening(pids: readonly number[]): Promise<Map<number, ListeningSocket[]>>;
  identity(pid: number): Promise<ProcIdentity | undefined>;
  executable(pid: number): Promise<string | undefined>;
}

export const procReader: ProcReader = { trees: readTrees, listening: listeningByPid, identity: readIdentity, executable: readExecutable };

/** CPU ticks of each process at a reading, keyed by `pid:startTicks` so a reused pid is never mistaken for the old one. */
export interface TreeTicks {
  at: number;
  ticks: Map<string, number>;
}

export interface TreeReading {
  sample: ResourceSample;
  ticks: TreeTicks;
}

/**
 * One tree's sample from its processes (root first) and the listening sockets of every sampled
 * process (read once for all trees: the kernel's socket tables cost milliseconds a read).
 */
export async function sampleOfTree(
  reader: ProcReader,
  name: string,
  tree: readonly ProcInfo[],
  allListening: ReadonlyMap<number, ListeningSocket[]>,
  at: number,
  before: TreeTicks | undefined,
): Promise<TreeReading> {
  const root = tree[0].pid;
  const listening = new Map(tree.flatMap((proc) => (allListening.has(proc.pid) ? [[proc.pid, allListening.get(proc.pid) ?? []] as const] : [])));
  const ticks = new Map(tree.map((proc) => [keyOf(proc), proc.cpuTicks]));
  // Only processes seen both times count: one that started since has no baseline, one that ended no reading.
  const busy = new Map(tree.map((proc) => [proc.pid, Math.max(0, proc.cpuTicks - (before?.ticks.get(keyOf(proc)) ?? proc.cpuTicks))]));
  const elapsedMs = before ? at - before.at : 0;
  const spentMs = ([...busy.values()].reduce((sum, value) => sum + value, 0) * 1000) / TICKS_PER_SECOND;
  const workerPid = tree.length > 1 ? workerOf(tree, listening, busy) : undefined;
  const worker = workerPid === undefined || workerPid === root ? undefined : await reader.identity(workerPid);
  const sample: ResourceSample = {
    name,
    pid: root,
    at,
    cpuPercent: before && elapsedMs > 0 ? (spentMs / elapsedMs) * 100 : undefined,
    rssBytes: tree.reduce((sum, proc) => sum + proc.rssBytes, 0),
    ports: uniquePorts([...listening.values()].flat()),
    processCount: tree.length,
    worker,
    runsNode: await runsNode(reader, tree),
  };
  return { sample, ticks: { at, ticks } };
}

/** `node`, `nodejs`, `node20`: the names Node's binary goes by (` (deleted)` once it was replaced on disk). */
const NODE_BINARY = /(^|\/)node(js)?[\d.]*( \(deleted\))?$/;

/**
 * Whether a process of the tree runs Node, by the binary each runs: titles mislead (npm calls itself
 * `npm run dev`, Next `next-server`). Root first and one at a time, as a wrapper is usually Node itself.
 */
async function runsNode(reader: ProcReader, tree: readonly ProcInfo[]): Promise<boolean | undefined> {
  let seen = false;
  for (const proc of tree) {
    const binary = await reader.executable(proc.pid);
    if (binary !== undefined && NODE_BINARY.test(binary)) return true;
    seen ||= binary !== undefined;
  }
  return seen ? false : undefined;
}

function keyOf(proc: ProcInfo): string {
  return `${proc.pid}:${proc.startTicks}`;
}

/** CPU ticks since the last reading below which a process counts as idle: one tick is an idle wrapper's timer or GC. */
const BUSY_TICKS = 2;

/**
 * The process doing a tree's work: the deepest one holding a listening port; else the busiest, if it
 * used at least `BUSY_TICKS` since the last reading; else the deepest (what a wrapper such as npm or a
 * shell runs sits below it).
 */
export function workerOf(tree: readonly ProcInfo[], listening: ReadonlyMap<number, unknown>, busy: ReadonlyMap<number, number>): number {
  const depth = depthsOf(tree);
  const deepestFirst = [...tree].sort((a, b) => (depth.get(b.pid) ?? 0) - (depth.get(a.pid) ?? 0));
  const listener = deepestFirst.find((proc) => listening.has(proc.pid));
  if (listener) return listener.pid;
  const ticksOf = (proc: ProcInfo): number => busy.get(proc.pid) ?? 0;
  const busiest = deepestFirst.reduce((best, proc) => (ticksOf(proc) > ticksOf(best) ? proc : best));
  return ticksOf(busiest) >= BUSY_TICKS ? busiest.pid : deepestFirst[0].pid;
}

/** Depth of each process below the root (the first entry), over the ppid links. */
function depthsOf(tree: readonly ProcInfo[]): Map<number, number> {
  const parent = new Map(tree.map((proc) => [proc.pid, proc.ppid]));
  const depth = new Map<number, number>();
  const measure = (pid: number, seen = 0): number => {
    const known = depth.get(pid);
    if (known !== undefined) return known;
    const up = parent.get(pid);
    // A pid without a parent in the tree is the root; `seen` guards against a cycle from a torn read.
    const value = up === undefined || !parent.has(up) || seen > tree.length ? 0 : measure(up, seen + 1) + 1;
    depth.set(pid, value);
    return value;
  };
  for (const proc of tree) measure(proc.pid);
  return depth;
}
