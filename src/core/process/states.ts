/** The closed set of lifecycle states a managed process can be in. */
export type ProcessStatus =
  | 'stopped'
  | 'waiting'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'backoff'
  | 'exited'
  | 'failed'
  | 'disabled';

export const ALL_STATUSES: readonly ProcessStatus[] = [
  'stopped',
  'waiting',
  'starting',
  'running',
  'stopping',
  'backoff',
  'exited',
  'failed',
  'disabled',
];

/** What a status means to every face: one table, so the tree's menus, the status bar and the engine agree. */
export interface StatusMeaning {
  /** A child process exists, or is being created or torn down. */
  active: boolean;
  /** Start does something (the tree offers it). */
  canStart: boolean;
  /** Stop does something. */
  canStop: boolean;
  /** Restart does something. */
  canRestart: boolean;
  /** Needs the user's attention: counted in the status bar's warning. */
  trouble: boolean;
  /** A file change restarts it: it runs, or waits to run again; one the user stopped stays down. */
  restartsOnChange: boolean;
}

const row = (active: boolean, canStart: boolean, canStop: boolean, canRestart: boolean, trouble: boolean, restartsOnChange: boolean): StatusMeaning => ({
  active,
  canStart,
  canStop,
  canRestart,
  trouble,
  restartsOnChange,
});

// prettier-ignore
export const STATUS_MEANING: Readonly<Record<ProcessStatus, StatusMeaning>> = {
  //          active  start  stop   restart trouble onChange
  stopped:  row(false, true,  false, true,  false, false),
  waiting:  row(false, false, true,  true,  false, true),
  starting: row(true,  false, true,  true,  false, true),
  running:  row(true,  false, true,  true,  false, true),
  stopping: row(true,  false, true,  true,  false, true),
  backoff:  row(false, true,  true,  true,  true,  true),
  exited:   row(false, true,  false, true,  false, false),
  failed:   row(false, true,  false, true,  true,  false),
  disabled: row(false, false, false, false, false, false),
};

/**
 * Why a process is in its state, for code and tests to read (the message is for people):
 * `user` a start, stop or restart someone asked for; `change` a watched file or the config changed;
 * `crash` the run ended by itself; `spawn` it could not be started; `probe` a readiness deadline or
 * failed liveness tries; `dependency` it waits for what it depends on; `build` its `before` step failed.
 */
export type ReasonKind = 'none' | 'user' | 'change' | 'crash' | 'spawn' | 'probe' | 'dependency' | 'build';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The last word of a run's probe: the tooltip shows it, and a failed liveness try colours the row. */
export interface ProbeView {
  /** What is probed: `tcp 127.0.0.1:5432`. */
  probe: string;
  ok: boolean;
  /** The try's own words: `GET /health → 503`. */
  detail: string;
  /** Epoch ms of the first try that said this: the same result again is not a state change. */
  at: number;
  /** On the readiness pass: how long after the spawn it came. */
  readyAfterMs?: number;
}

export interface ProcessState {
  status: ProcessStatus;
  /** Why the process is in this status. */
  reason: ReasonKind;
  pid: number | undefined;
  /** Epoch ms of the current run's spawn. */
  startedAt: number | undefined;
  /** Automatic and requested restarts since the process was last started by hand. */
  restarts: number;
  lastExit: ExitInfo | undefined;
  /** Epoch ms at which a backoff restart is due. */
  nextRestartAt: number | undefined;
  /** Plain words for people, e.g. "exited with code 1 · restarting in 500 ms". */
  message: string;
  /** The current run's probe, while it has one. */
  probe: ProbeView | undefined;
}

export interface ProcessStateChange {
  /** Instance name, e.g. `api` or `api#2`. */
  name: string;
  previous: ProcessState;
  current: ProcessState;
}

/** True while a child process exists or is being created or torn down. */
export function isActive(status: ProcessStatus): boolean {
  return STATUS_MEANING[status].active;
}

/**
 * Whether a file change should restart a process in this status: one that runs or waits to run
 * again does; one the user stopped, or whose run ended for good, stays down.
 */
export function restartsOnChange(status: ProcessStatus): boolean {
  return STATUS_MEANING[status].restartsOnChange;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
