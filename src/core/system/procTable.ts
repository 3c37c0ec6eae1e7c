import { execFile } from 'child_process';
import * as fs from 'fs';

// The one reader of the process table. Linux answers from /proc; elsewhere one `ps` call stands in
// for the table, and what needs /proc alone (environments, start times) is simply not found.

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter: R, S, D, Z (zombie), … */
  state: string;
  /** Clock ticks since boot; with the pid it names one process for its whole life, even if the pid is reused. */
  startTicks: number;
  /** A leader shows Z while its other threads still exit and still hold its files (sockets, pipes). */
  threads: number;
  /** User + system CPU time so far, in clock ticks (`TICKS_PER_SECOND` a second). */
  cpuTicks: number;
  /** Resident memory in bytes. */
  rssBytes: number;
}

export const HAS_PROC = fs.existsSync('/proc/self/stat');
const { pageSize: PAGE_SIZE, ticksPerSecond } = systemUnits();
/** Clock ticks a second, the unit of `cpuTicks` and `startTicks` (USER_HZ, 100 nearly everywhere). */
export const TICKS_PER_SECOND = ticksPerSecond;
// Linux lists each thread's children in procfs: walking them reads a few files along the tree
// instead of every process on the machine, which keeps a restart's reaction time short.
const HAS_CHILDREN_FILES = fs.existsSync(`/proc/self/task/${process.pid}/children`);

/** `/proc/<pid>/stat` is "pid (comm) state ppid pgrp …"; comm may hold spaces and parens. */
export function parseStat(pid: number, text: string): ProcInfo | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Field 22 of the line (starttime) is the 20th after the name.
  if (fields.length < 20) return undefined;
  return {
    pid,
    state: fields[0],
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    threads: Number(fields[17]),
    startTicks: Number(fields[19]),
    rssBytes: Number(fields[21]) * PAGE_SIZE,
  };
}

/**
 * The page size and USER_HZ, from the auxiliary vector the kernel hands every process (AT_PAGESZ 6,
 * AT_CLKTCK 17): exact, and without running `getconf`. 64-bit little-endian entries; else the usual values.
 */
function systemUnits(): { pageSize: number; ticksPerSecond: number } {
  const units = { pageSize: 4096, ticksPerSecond: 100 };
  try {
    const auxv = fs.readFileSync('/proc/self/auxv');
    for (let at = 0; at + 16 <= auxv.length; at += 16) {
      const key = Number(auxv.readBigUInt64LE(at));
      const value = Number(auxv.readBigUInt64LE(at + 8));
      if (key === 6 && value > 0) units.pageSize = value;
      if (key === 17 && value > 0) units.ticksPerSecond = value;
    }
  } catch {
    // no /proc: the `ps` fallback reports its own units
  }
  return units;
}

/** Dead and holding nothing: a zombie whose last thread has exited, so its files are closed too. */
export function isDead(info: ProcInfo): boolean {
  return (info.state === 'Z' && info.threads <= 1) || info.state === 'X';
}

/** One process, or undefined once it is gone (or without /proc). */
export function readStat(pid: number): ProcInfo | undefined {
  try {
    return parseStat(pid, fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every pid in /proc, without reading anything of them. */
export function listPids(): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const first = name.charCodeAt(0);
    if (first >= 48 && first <= 57) pids.push(Number(name));
  }
  return pids;
}

/**
 * The pid the kernel gave last (`/proc/loadavg`'s last field): unchanged means no process was born
 * since it was read before. Undefined without /proc.
 */
export function newestPid(): number | undefined {
  if (!HAS_PROC) return undefined;
  try {
    const loadavg = fs.readFileSync('/proc/loadavg', 'utf8');
    return Number(loadavg.slice(loadavg.lastIndexOf(' ') + 1));
  } catch {
    return undefined;
  }
}

/** The whole table: /proc on Linux, one `ps` elsewhere. */
export async function readTable(): Promise<ProcInfo[]> {
  if (HAS_PROC) return listPids().flatMap((pid) => readStat(pid) ?? []);
  return readPs();
}

function readPs(): Promise<ProcInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,rss=,time='], (error, stdout) => {
      if (error) return resolve([]);
      const rows = stdout.split('\n').map((line) => line.trim().split(/\s+/));
      resolve(
        rows
          .filter((r) => r.length === 6)
          .map(([pid, ppid, pgid, stat, rssKb, time]) => ({
            pid: Number(pid),
            ppid: Number(ppid),
            pgid: Number(pgid),
            state: stat[0],
            startTicks: 0,
            threads: 1,
            cpuTicks: Math.round(psSeconds(time) * TICKS_PER_SECOND),
            rssBytes: Number(rssKb) * 1024,
          })),
      );
    });
  });
}

/** `ps` CPU time: `[[dd-]hh:]mm:ss[.cc]`. */
function psSeconds(time: string): number {
  const [days, clock] = time.includes('-') ? time.split('-') : ['0', time];
  const seconds = clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return Number(days) * 86_400 + (Number.isFinite(seconds) ? seconds : 0);
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

/** Descendants of living roots, read along the tree's own children lists; undefined where Linux has none. */
export function walkDescendants(roots: readonly number[]): ProcInfo[] | undefined {
  if (!HAS_CHILDREN_FILES) return undefined;
  const found: ProcInfo[] = [];
  const queue = [...roots];
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

/** Descendants of `root` in a table, over the ppid links. */
export function descendantsInTable(root: number, table: readonly ProcInfo[]): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  for (const proc of table) byParent.set(proc.ppid, [...(byParent.get(proc.ppid) ?? []), proc]);
  const found: ProcInfo[] = [];
  const queue = [root];
  const seen = new Set(queue);
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of byParent.get(pid) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** A process's environment as `KEY=value` entries, or undefined (gone, another user's, no /proc). */
export function readEnviron(pid: number): Buffer | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`);
  } catch {
    return undefined;
  }
}

/**
 * Every process whose environment holds `entry` (a whole `KEY=value`), whatever its group, session
 * or parent: the way to find what left a tree. About 15 µs a process, so a scan of a busy machine
 * costs a few milliseconds; callers run it while a grace period or backoff is under way anyway.
 */
export function findByEnvironment(entry: string): number[] {
  if (!HAS_PROC) return [];
  const needle = Buffer.from(`${entry}\0`);
  const found: number[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    const environ = readEnviron(pid);
    if (environ && holdsEntry(environ, needle)) found.push(pid);
  }
  return found;
}

/** A match at the start, or right after another entry's NUL: never the tail of another value. */
function holdsEntry(environ: Buffer, needle: Buffer): boolean {
  for (let at = environ.indexOf(needle); at !== -1; at = environ.indexOf(needle, at + 1)) {
    if (at === 0 || environ[at - 1] === 0) return true;
  }
  return false;
}

/** Splits an environment into its variables; only for processes already known to be ours. */
export function parseEnviron(environ: Buffer): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of environ.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return vars;
}

/**
 * Each root's tree: the live root and every descendant, root first; empty once the root is gone.
 * Where Linux lists children, each is walked along its own; elsewhere the table is read once for
 * all of them (one `ps` a sample, not one per process).
 */
export async function readTrees(roots: readonly number[]): Promise<ProcInfo[][]> {
  const walked = roots.map(walkTree);
  if (walked.every((tree) => tree !== undefined)) return walked as ProcInfo[][];
  const table = await readTable();
  return roots.map((root, i) => walked[i] ?? treeInTable(root, table));
}

/** The tree along the children lists: empty if the root is gone, undefined where there are no such lists. */
function walkTree(root: number): ProcInfo[] | undefined {
  if (!HAS_PROC) return undefined;
  const info = readStat(root);
  if (!info || isDead(info)) return [];
  const walked = walkDescendants([root]);
  return walked && [info, ...walked];
}

/** The tree of `root` in a reading of the whole table, root first; empty if it is not there or dead. */
export function treeInTable(root: number, table: readonly ProcInfo[]): ProcInfo[] {
  const self = table.find((proc) => proc.pid === root);
  return self && !isDead(self) ? [self, ...descendantsInTable(root, table)] : [];
}
