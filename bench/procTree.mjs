// What a peer's run consists of, read from /proc: the supervisor's own processes (its helpers
// count, the apps do not), and whatever of the apps it left running.
import * as fs from 'node:fs';
import { commandLine, processTable } from '../scripts/lib/procStat.mjs';
import { readEvents } from './setup.mjs';

function table() {
  return processTable().map((row) => ({ ...row, cmdline: commandLine(row.pid) }));
}

/** Every app of `setup` is given its events file on its command line: that is how one is told apart. */
const isApp = (row, setup) => row.cmdline.includes(setup.events);

/**
 * `roots` and their descendants, short of the apps of `setup` and what runs under them. An app is
 * known by the pid it wrote to the events file, not by its command line: pm2 runs an app inside
 * a wrapper of its own, and a root may name the app's files on its own command line.
 */
export function supervisorPids(roots, setup) {
  const rows = table();
  const apps = new Set(readEvents(setup).map((event) => event.pid));
  const found = [];
  const queue = [...roots];
  while (queue.length) {
    const pid = queue.shift();
    const row = rows.find((r) => r.pid === pid);
    if (!row || apps.has(pid)) continue;
    found.push(pid);
    for (const child of rows) if (child.ppid === pid) queue.push(child.pid);
  }
  return found;
}

/** SIGKILLs the apps of `setup` still running and the processes holding one of its fifos open. */
export function killLeftovers(setup) {
  const fifos = setup.apps.map((app) => app.fifo).filter(Boolean);
  for (const row of table()) {
    if (row.pid === process.pid) continue;
    if (isApp(row, setup) || holdsAny(row.pid, fifos)) kill(row.pid);
  }
}

function holdsAny(pid, files) {
  if (!files.length) return false;
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => files.includes(safeLink(`/proc/${pid}/fd/${fd}`)));
  } catch {
    return false;
  }
}

const safeLink = (file) => {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
};

export function kill(pid, signal = 'SIGKILL') {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
