/** The resolved, validated form of `.procs.json`. Runtime state lives elsewhere. */

export type RestartPolicy = 'on-failure' | 'always' | 'never';

export interface StopOptions {
  signal: NodeJS.Signals;
  timeoutMs: number;
}

export interface OutputOptions {
  stripAnsi: boolean;
  timestamps: boolean;
  /** Absolute path, or undefined for no log file. */
  logFile: string | undefined;
  maxLogSizeBytes: number;
  keepLogs: number;
}

/** One entry of `processes`, with defaults applied and paths made absolute. */
export interface ProcessSpec {
  /** The key under `processes`. */
  name: string;
  /** A string runs through the shell; an array runs without one. */
  command: string | string[];
  /** Absolute working directory. */
  cwd: string;
  /** Variables added to the inherited environment: top-level envFile, env, then the process's envFile, env. */
  env: Record<string, string>;
  groups: string[];
  instances: number;
  autostart: boolean;
  disabled: boolean;
  restart: RestartPolicy;
  /** Restart delays; the last repeats. Empty means never restart. */
  backoffMs: number[];
  resetAfterMs: number;
  maxRestarts: number | null;
  /** Globs relative to cwd. */
  watch: string[];
  ignore: string[];
  stop: StopOptions;
  output: OutputOptions;
  /** The VS Code face shows this process in its own status bar item. */
  statusBar: boolean;
}

export interface ProcsConfig {
  /** Absolute path of the `.procs.json` it came from. */
  file: string;
  /** The folder that holds the file; relative paths resolve against it. */
  root: string;
  processes: ProcessSpec[];
}

export interface ConfigProblem {
  severity: 'error' | 'warning';
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line and column of the start. */
  line: number;
  column: number;
  /** 0-based offset and length in the text after any byte order mark (editors do not count one), for editors. */
  offset: number;
  length: number;
  /** JSON path such as `processes.api.restart`; empty for the whole document. */
  path: string;
  message: string;
}

export interface ConfigResult {
  /** Present only when there is no error (warnings allowed). */
  config: ProcsConfig | undefined;
  problems: ConfigProblem[];
}
