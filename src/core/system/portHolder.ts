import { killTree as realKillTree, type KillTreeFn } from '../process/killTree';
import { CONFIG_VAR, SUPERVISOR_VAR } from '../process/runMarks';
import { briefCommand } from './briefCommand';
import { holdersOf, isListening } from './ports';
import { readIdentity, type ProcIdentity } from './procIdentity';
import { parseEnviron, readEnviron } from './procTable';

/** Who holds a port a process needed: the process, and whether Procs started it (another instance, another folder). */
export interface PortConflict {
  port: number;
  /** Undefined when the holder cannot be seen (another user's process). */
  holder: ProcIdentity | undefined;
  /** Set when the holder carries Procs' run marks. */
  procs: { name: string; instance: string | undefined; configFile: string | undefined } | undefined;
}

/**
 * What Node, Python, Go and most servers print when the port is taken, with the port where they
 * give it: `EADDRINUSE: address already in use :::3000`, `[Errno 98] Address already in use`.
 */
const IN_USE = /EADDRINUSE|address already in use/i;
/** `:3000`, `]:3000`, `port 3000`: the last of them in the line is the port (an address comes before it). */
const PORT_IN_LINE = /(?:[\]:]|\bport\s+)(\d{1,5})\b/gi;

/** Undefined for an ordinary line; else the port the line names, if it names one. */
export function addressInUse(line: string): { port: number | undefined } | undefined {
  if (!IN_USE.test(line)) return undefined;
  const port = Number([...line.matchAll(PORT_IN_LINE)].at(-1)?.[1]);
  return { port: port > 0 && port < 65536 ? port : undefined };
}

/** The process holding `port`, when one listens on it; undefined when the port is free. */
export async function findPortConflict(port: number): Promise<PortConflict | undefined> {
  const [pid] = await holdersOf(port);
  if (pid === undefined) return isListening(port) ? { port, holder: undefined, procs: undefined } : undefined;
  const holder = await readIdentity(pid);
  return { port, holder, procs: holder ? procsMarks(pid) : undefined };
}

/** Procs' own marks only; no other variable of the holder is read into anything. */
function procsMarks(pid: number): PortConflict['procs'] {
  const environ = readEnviron(pid);
  const vars = environ ? parseEnviron(environ) : undefined;
  if (!vars?.has(SUPERVISOR_VAR)) return undefined;
  return { name: vars.get('PROCS_NAME') ?? '?', instance: vars.get('PROCS_INSTANCE'), configFile: vars.get(CONFIG_VAR) };
}

/** `port 3000 is held by pid 4242 (node server.js 3000, started 2 h ago), not by Procs` */
export function describeConflict(conflict: PortConflict, now: number): string {
  const { port, holder, procs } = conflict;
  if (!holder) return `port ${port} is already in use by a process Procs cannot see (another user's?)`;
  const started = `started ${ago(now - holder.startedAt)}`;
  if (!procs) return `port ${port} is held by pid ${holder.pid} (${briefCommand(holder.command)}, ${started}), not by Procs`;
  // Named by its marks, not its command line: a shell expanded the process's own env values into that.
  const instance = procs.instance && procs.instance !== '1' ? ` (instance ${procs.instance})` : '';
  const where = procs.configFile ? ` of ${procs.configFile}` : '';
  return `port ${port} is held by pid ${holder.pid} (${started}): Procs' own "${procs.name}"${instance}${where}`;
}


function ago(ms: number): string {
  if (ms < 60_000) return 'just now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export type StopHolderResult = { ok: true } | { ok: false; message: string };

/**
 * Stops the tree of a port's holder, which Procs did not start: only after the user confirmed, and
 * only if the pid is still the process they were shown (same start time and command line). A pid
 * reused by another program, or one that is gone, is never signalled.
 */
export async function stopHolder(holder: ProcIdentity, killTree: KillTreeFn = realKillTree, graceMs = 5000): Promise<StopHolderResult> {
  const now = await readIdentity(holder.pid);
  if (!now) return { ok: false, message: `pid ${holder.pid} has already exited` };
  if (now.startedAt !== holder.startedAt || now.command !== holder.command) {
    return { ok: false, message: `pid ${holder.pid} is now another process (${briefCommand(now.command)}); nothing was signalled` };
  }
  const survivors = await killTree(holder.pid, { signal: 'SIGTERM', timeoutMs: graceMs, group: false });
  if (survivors.length > 0) return { ok: false, message: `pids ${survivors.join(', ')} did not die` };
  return { ok: true };
}
