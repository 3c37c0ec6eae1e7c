// The extension host behind a workbench, read from /proc: which process it is and how much memory it holds.
import { readFileSync } from 'node:fs';
import { commandLine, descendantsOf, statFields } from '../../../scripts/lib/procStat.mjs';

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The pid of the page's extension host among the descendants of code-server's `serverPid` (its argv
 * says `--type=extensionHost`). code-server keeps the host of a page that went away (a reload) for a
 * while, in case it reconnects: the page's own is the one started last.
 */
export function extensionHostPid(serverPid) {
  const hosts = descendantsOf(serverPid).filter((pid) => commandLine(pid).includes('extensionHost'));
  if (hosts.length === 0) throw new Error(`no extension host under pid ${serverPid}`);
  const startOf = (pid) => Number(statFields(pid)?.[19] ?? -1);
  return hosts.reduce((newest, pid) => (startOf(pid) > startOf(newest) ? pid : newest));
}

/** Resident memory of `pid` in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) / 1024;
}

/** Samples `rssMb(pid)` every `ms` until stopped; `stop()` returns the peak. */
export function sampleRss(pid, ms = 200) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, ms);
  return { stop: () => (clearInterval(timer), peak) };
}
