import { execFile } from 'child_process';
import * as fs from 'fs';
import treeKillCb from 'tree-kill';

export interface KillTreeOptions {
  /** Sent first, to the process group and to descendants that left it. */
  signal: NodeJS.Signals;
  /** Grace period before everything still alive gets SIGKILL. */
  timeoutMs: number;
}

/** Resolves when every process of the tree is gone, with the pids that survived even SIGKILL. */
export type KillTreeFn = (pid: number, options: KillTreeOptions) => Promise<number[]>;

// Liveness is polled only while a stop is under way; the kernel offers no exit event for non-children.
// Most trees die within milliseconds of the signal, so the first looks come quickly, then ease off.
const POLL_FIRST_MS = 1;
const POLL_MAX_MS = 20;
// After SIGKILL the kernel needs moments, not seconds; past this the pid is stuck (D state, EPERM).
const AFTER_KILL_MS = 5000;

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
}

/**
 * Stops `pid` and every descendant: the tree is collected before any signal, since a
 * process that dies first would orphan its children to init and hide them from a later look.
 */
export const killTree: KillTreeFn = async (pid, { signal, timeoutMs }) => {
  const descendants = await descendantsOf(pid);
  const escaped = descendants.filter((p) => p.pgid !== pid).map((p) => p.pid);
  const tree = [pid, ...descendants.map((p) => p.pid)];

  signalGroup(pid, signal);
  for (const child of escaped) signalPid(child, signal);
  if (await waitGone(tree, timeoutMs)) return [];

  await new Promise<void>((resolve) => treeKillCb(pid, 'SIGKILL', () => resolve()));
  signalGroup(pid, 'SIGKILL');
  for (const member of tree) signalPid(member, 'SIGKILL');
  await waitGone(tree, AFTER_KILL_MS);
  return tree.filter(isAlive);
};

// Linux lists each thread's children in procfs: walking them reads a few files along the tree
// instead of every process on the machine, which keeps a restart's reaction time short.
const HAS_CHILDREN_FILES = fs.existsSync(`/proc/self/task/${process.pid}/children`);
const HAS_PROC = fs.existsSync('/proc/self/stat');

async function descendantsOf(root: number): Promise<ProcInfo[]> {
  const rootAlive = isAlive(root);
  if (HAS_CHILDREN_FILES && rootAlive) return walkChildrenFiles(root);
  // After a crash the root is gone, and usually its whole group with it: then there is nothing to
  // look for, and skipping the table read keeps the restart prompt.
  if (!rootAlive && !groupExists(root)) return [];
  const table = HAS_PROC ? readProcTable() : await readPs();
  // A root that already exited handed its children to init: only its process group still ties them to it.
  const members = table.filter((p) => p.pgid === root && p.pid !== root);
  const byPid = new Map([...walkTable(root, table), ...members].map((p) => [p.pid, p]));
  return [...byPid.values()];
}

function readProcTable(): ProcInfo[] {
  const pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  return pids.map((name) => readStat(Number(name))).filter((p): p is ProcInfo & { state: string } => p !== undefined);
}

function walkChildrenFiles(root: number): ProcInfo[] {
  const found: ProcInfo[] = [];
  const queue = [root];
  const seen = new Set(queue);
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of childrenOf(pid)) {
      if (seen.has(child)) continue;
      seen.add(child);
      const info = readStat(child);
      if (!info) continue; // exited while we were looking
      found.push(info);
      queue.push(child);
    }
  }
  return found;
}

/** Children of every thread: a child forked by another thread is listed under that thread. */
function childrenOf(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return []; // exited while we were looking
  }
}

function walkTable(root: number, table: readonly ProcInfo[]): ProcInfo[] {
  const found: ProcInfo[] = [];
  const parents = new Set([root]);
  // Breadth-first over the ppid links; pids are unique so every process is taken once.
  for (let added = true; added; ) {
    added = false;
    for (const proc of table) {
      if (parents.has(proc.ppid) && !parents.has(proc.pid)) {
        parents.add(proc.pid);
        found.push(proc);
        added = true;
      }
    }
  }
  return found;
}

/** Linux: /proc/<pid>/stat is "pid (comm) state ppid pgrp ..."; comm may hold spaces and parens. */
function readStat(pid: number): (ProcInfo & { state: string }) | undefined {
  try {
    return parseStat(pid, fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function parseStat(pid: number, text: string): (ProcInfo & { state: string }) | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (fields.length < 3) return undefined;
  return { pid, state: fields[0], ppid: Number(fields[1]), pgid: Number(fields[2]) };
}

/** Without procfs (macOS): one `ps` for the whole table. */
function readPs(): Promise<ProcInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid='], (error, stdout) => {
      if (error) return resolve([]);
      const rows = stdout.split('\n').map((line) => line.trim().split(/\s+/).map(Number));
      resolve(rows.filter((r) => r.length === 3).map(([pid, ppid, pgid]) => ({ pid, ppid, pgid })));
    });
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  signalPid(-pgid, signal);
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

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone, which is the goal.
  }
}

/** Alive and not a zombie: a reparented zombie waits for init to reap it but holds nothing. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return parseStat(pid, fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we have
  }
}

async function waitGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = POLL_FIRST_MS; ; wait = Math.min(wait * 2, POLL_MAX_MS)) {
    if (!pids.some(isAlive)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
