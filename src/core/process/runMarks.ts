import { readStat } from '../system/procTable';

// Every process Procs starts inherits these, and so does everything it forks, whatever group,
// session or parent it ends up in. They are how a stop finds escapees and how a new supervisor
// finds what an earlier one left behind when it was killed. None of them is a secret of the user's.

/** A token per run, `<supervisor>.<n>`: `PROCS_RUN=<token>` is the stop's and the crash clean-up's marker. */
export const RUN_VAR = 'PROCS_RUN';
/** `<pid>:<start ticks>` of the supervising process: names it for life, even once the pid is reused. */
export const SUPERVISOR_VAR = 'PROCS_SUPERVISOR';
/** The absolute path of the `.procs.json` the process was started from. */
export const CONFIG_VAR = 'PROCS_CONFIG';

let runsStarted = 0;

/**
 * Unique for life: no other supervisor has our SELF_ID, and we count our runs. Not random, since a
 * marker is no secret and Node's crypto would cost an idle `procs up` 0.6 MB.
 */
export function newRunToken(): string {
  return `${SELF_ID}.${++runsStarted}`;
}

export function runMarker(token: string): string {
  return `${RUN_VAR}=${token}`;
}

/** This process as a supervisor identity. */
export const SELF_ID = supervisorId(process.pid) ?? `${process.pid}:0`;

/** `<pid>:<start ticks>`, or undefined when the process is gone. */
export function supervisorId(pid: number): string | undefined {
  const info = readStat(pid);
  return info ? `${pid}:${info.startTicks}` : undefined;
}
