import type { Inspector } from '../debug/inspector';
import type { PortConflict } from '../system/portHolder';
import { DISABLED_MESSAGE, stoppedMessage } from './messages';

/** Who held the port a run needed (`reason: 'port'`), for the faces to show and offer to stop. */
export type { PortConflict };

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
 * failed liveness tries; `dependency` it waits for what it depends on; `build` its `before` step failed;
 * `limit` its tree went over a memory or CPU limit; `port` its port was held by another process.
 */
export type ReasonKind = 'none' | 'user' | 'change' | 'crash' | 'spawn' | 'probe' | 'dependency' | 'build' | 'limit' | 'port';

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

/** A process started with the inspector, and what its current run said of it. */
export interface DebugView {
  /** Every inspector the current run announced, in order (a wrapper such as `npm run` opens one too). */
  inspectors: readonly Inspector[];
  /** No inspector was announced within 10 s of the spawn (not a Node program?): words for people. */
  unavailable: string | undefined;
}

export interface ProcessState {
  status: ProcessStatus;
  /** Why the process is in this status. */
  reason: ReasonKind;
  pid: number | undefined;
  /** Epoch ms of the current run's spawn. */
  startedAt: number | undefined;
  /** Restarts someone asked for (Restart, a saved file, a config change) since the process was last started by hand. */
  restarts: number;
  /** Runs that failed by themselves (a crash, failed probes, a spawn or build error) since the process was last started by hand. */
  crashes: number;
  /**
   * Its run ended by itself and it has not yet run well since (SETTLED_AFTER_MS up): it still needs
   * attention while it starts and runs again, so a crash loop does not flicker in and out of trouble.
   */
  settling: boolean;
  lastExit: ExitInfo | undefined;
  /** Epoch ms at which a backoff restart is due. */
  nextRestartAt: number | undefined;
  /** Plain words for people, e.g. "exited with code 1 · restarting in 0.5 s". */
  message: string;
  /** The current run's probe, while it has one. */
  probe: ProbeView | undefined;
  /** Set while debugging is on: each start gets the inspector, and a debugger attaches. */
  debug: DebugView | undefined;
  /** Set when the last run could not have its port (`reason: 'port'`): who holds it. */
  conflict?: PortConflict;
}

export interface ProcessStateChange {
  /** Instance name, e.g. `api` or `api#2`. */
  name: string;
  previous: ProcessState;
  current: ProcessState;
}

/** A process before its first start: stopped, or disabled in the config, with nothing counted yet. */
export function initialState(disabled: boolean, debug: DebugView | undefined): ProcessState {
  return {
    status: disabled ? 'disabled' : 'stopped',
    reason: 'none',
    pid: undefined,
    startedAt: undefined,
    restarts: 0,
    crashes: 0,
    settling: false,
    lastExit: undefined,
    nextRestartAt: undefined,
    message: disabled ? DISABLED_MESSAGE : stoppedMessage([]),
    probe: undefined,
    debug,
  };
}

/** Counted in the status bar's warning: a status that is trouble, or a crash not yet lived down. */
export function needsAttention(state: Pick<ProcessState, 'status' | 'settling'>): boolean {
  return STATUS_MEANING[state.status].trouble || state.settling;
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
