/** The closed set of lifecycle states a managed process can be in. */
export type ProcessStatus =
  | 'stopped'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'backoff'
  | 'exited'
  | 'failed'
  | 'disabled';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessState {
  status: ProcessStatus;
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
}

export interface ProcessStateChange {
  /** Instance name, e.g. `api` or `api#2`. */
  name: string;
  previous: ProcessState;
  current: ProcessState;
}

/** True while a child process exists or is being created or torn down. */
export function isActive(status: ProcessStatus): boolean {
  switch (status) {
    case 'starting':
    case 'running':
    case 'stopping':
      return true;
    case 'stopped':
    case 'backoff':
    case 'exited':
    case 'failed':
    case 'disabled':
      return false;
    default:
      return assertNever(status);
  }
}

/**
 * Whether a file change should restart a process in this status: one that runs or waits to run
 * again does; one the user stopped, or whose run ended for good, stays down.
 */
export function restartsOnChange(status: ProcessStatus): boolean {
  return isActive(status) || status === 'backoff';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
