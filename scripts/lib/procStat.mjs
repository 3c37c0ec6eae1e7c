// The process table as the tools (scripts, the e2e harness, the bench) read it from /proc. The engine
// has its own reader (src/core/system/procTable.ts); the tools run before anything is compiled.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses), so
 * `[0]` is the state, `[1]` the parent, `[17]` the thread count, `[19]` the start in ticks; undefined
 * once the process is gone.
 */
export function statFields(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Every process and its parent, a process that exits while the table is read left out. */
export function processTable() {
  const rows = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields) rows.push({ pid: Number(entry), ppid: Number(fields[1]) });
  }
  return rows;
}

/** The pids under `root`, children that made their own group included. */
export function descendantsOf(root, rows = processTable()) {
  const children = new Map();
  for (const { pid, ppid } of rows) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const queue = [root];
  while (queue.length) for (const child of children.get(queue.shift()) ?? []) out.push(child), queue.push(child);
  return out;
}

/** A process's command line, its arguments apart by NULs; '' once it is gone. */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
