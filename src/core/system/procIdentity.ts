import { execFile } from 'child_process';
import * as fs from 'fs';
import { HAS_PROC, isDead, readStat, TICKS_PER_SECOND } from './procTable';

// Who a process is, for a person and for a check before signalling it: its command line, start,
// working directory and binary. Linux answers from /proc; elsewhere `ps` gives the command and start.

/** What names a process to a person and, with the start, for its whole life: a reused pid differs in both. */
export interface ProcIdentity {
  pid: number;
  /** The command line as one line, arguments joined by spaces. */
  command: string;
  /** Epoch ms of the start, to the kernel's tick on Linux, to the second from `ps`. */
  startedAt: number;
}

/** Who a pid is now, or undefined (gone, another user's and unreadable, a zombie). */
export async function readIdentity(pid: number): Promise<ProcIdentity | undefined> {
  if (!HAS_PROC) return psIdentity(pid);
  const info = readStat(pid);
  if (!info || isDead(info)) return undefined;
  let words: string[];
  try {
    words = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
  // A kernel thread has no command line; its name in the stat line is all there is.
  const command = words.length > 0 ? words.join(' ') : `[${readComm(pid)}]`;
  return { pid, command, startedAt: bootTimeMs() + (info.startTicks * 1000) / TICKS_PER_SECOND };
}

function readComm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

let bootMs: number | undefined;
/** `btime` of /proc/stat: start ticks count from it. Read once: it does not change while the machine runs. */
function bootTimeMs(): number {
  if (bootMs === undefined) {
    const line = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    bootMs = line ? Number(line[1]) * 1000 : 0;
  }
  return bootMs;
}

function psIdentity(pid: number): Promise<ProcIdentity | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'lstart=,args=', '-p', String(pid)], (error, stdout) => {
      // `lstart` is five words: `Mon Jan  5 10:00:00 2026`.
      const match = /^\s*(\S+\s+\S+\s+\d+\s+[\d:]+\s+\d+)\s+(.*)$/.exec(stdout);
      const startedAt = match ? Date.parse(match[1]) : NaN;
      resolve(error || !match || Number.isNaN(startedAt) ? undefined : { pid, command: match[2].trim(), startedAt });
    });
  });
}

/** The program a process runs (`/usr/bin/node`), whatever title it gave itself; undefined if gone, another user's, no /proc. */
export async function readExecutable(pid: number): Promise<string | undefined> {
  try {
    return await fs.promises.readlink(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** The working directory of a process, or undefined (gone, another user's, no /proc). */
export function readCwd(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}
