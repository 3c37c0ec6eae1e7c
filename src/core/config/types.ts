/** The resolved, validated form of `.procs.json`. Runtime state lives elsewhere. */

export type RestartPolicy = 'on-failure' | 'always' | 'never';

export interface StopOptions {
  signal: NodeJS.Signals;
  timeoutMs: number;
}

export interface OutputOptions {
  /** `color`: the process is told to print colours (FORCE_COLOR=1); text sinks still follow stripAnsi. */
  color: boolean;
  stripAnsi: boolean;
  timestamps: boolean;
  /** Absolute path, or undefined for no log file. */
  logFile: string | undefined;
  maxLogSizeBytes: number;
  keepLogs: number;
}

/** What a probe asks: is the port open, does the URL answer, did a line appear, does a command succeed. */
export type ProbeTarget =
  | { kind: 'tcp'; host: string; port: number }
  /** `status`: the inclusive range of answers that count as a pass. */
  | { kind: 'http'; url: string; status: readonly [number, number] }
  /** Matched against each output line with ANSI removed; needs no polling. */
  | { kind: 'log'; pattern: RegExp }
  /** Exit 0 passes; a string runs through the shell, like `command`. */
  | { kind: 'exec'; command: string | string[] };

/** `ready`: a started process counts as running only once this first passes. */
export interface ReadinessSpec {
  target: ProbeTarget;
  /** Longest wait between tries; tries start fast and double up to it. */
  intervalMs: number;
  /** One try. */
  timeoutMs: number;
  /** Not ready by then: the start has failed. */
  deadlineMs: number;
}

/** `health`: once ready, tried every interval; `failures` in a row restart the process. */
export interface LivenessSpec {
  target: Exclude<ProbeTarget, { kind: 'log' }>;
  intervalMs: number;
  timeoutMs: number;
  failures: number;
}

/** `limits`: the whole tree's use past which the process is restarted on the crash schedule. */
export interface ResourceLimits {
  memoryBytes: number | undefined;
  /** % of one core. */
  cpuPercent: number | undefined;
  /** How long CPU may stay above its limit. */
  forMs: number;
}

/** What a dependent waits for: ready (probe passed, or spawned without one), spawned, or exited with 0. */
export type DependencyCondition = 'ready' | 'started' | 'done';

export interface Dependency {
  name: string;
  condition: DependencyCondition;
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
  /** `stdin`: the process reads a pipe (a Procs terminal, `procs up --attach`) instead of nothing. */
  stdin: boolean;
  /** The VS Code face shows this process in its own status bar item. */
  statusBar: boolean;
  limits: ResourceLimits | undefined;
  ready: ReadinessSpec | undefined;
  health: LivenessSpec | undefined;
  /** Started first, transitively, and waited for. */
  dependsOn: Dependency[];
  /** Every start opens the Node inspector, and the VS Code face attaches its debugger. */
  debug: boolean;
  /** `before`: runs to completion (exit 0) in cwd with env before every start but crash restarts. */
  before: string | string[] | undefined;
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
  /**
   * `json`: any JSON reader sees it in the text (a syntax error, a key written twice), so an editor's
   * own JSON support reports it too; `procs`: what Procs's schema and rules say.
   */
  kind: 'json' | 'procs';
}

export interface ConfigResult {
  /** Present only when there is no error (warnings allowed). */
  config: ProcsConfig | undefined;
  problems: ConfigProblem[];
}
