/** The shape of `.procs.json` as written, which the schema guarantees once validation passes. */

export type RawDuration = number | string;
export type RawEnv = Record<string, string | number | boolean>;
export type RawCommand = string | string[];

/** The kinds and settings `ready` and `health` share; which kinds are written is checked in rules/probes.ts. */
export interface RawProbe {
  tcp?: number | string;
  http?: string;
  status?: [number, number];
  exec?: RawCommand;
  interval?: RawDuration;
  timeout?: RawDuration;
}

export interface RawReadiness extends RawProbe {
  log?: string;
  deadline?: RawDuration;
}

export interface RawLiveness extends RawProbe {
  /** Only so it can be refused with a reason: the schema lets any value through. */
  log?: unknown;
  failures?: number;
}

export type RawDependencies = string[] | Record<string, 'ready' | 'started' | 'done'>;

export interface RawProcess {
  command: RawCommand;
  cwd?: string;
  env?: RawEnv;
  envFile?: string;
  group?: string | string[];
  instances?: number;
  autostart?: boolean;
  disabled?: boolean;
  restart?: 'on-failure' | 'always' | 'never';
  backoff?: RawDuration[];
  resetAfter?: RawDuration;
  maxRestarts?: number | null;
  watch?: string[];
  ignore?: string[];
  stop?: { signal?: NodeJS.Signals; timeout?: RawDuration };
  output?: {
    color?: boolean;
    stripAnsi?: boolean;
    timestamps?: boolean;
    logFile?: string;
    maxLogSize?: number | string;
    keepLogs?: number;
  };
  stdin?: boolean;
  statusBar?: boolean;
  limits?: { memory?: number | string; cpu?: number | string; for?: RawDuration };
  ready?: RawReadiness;
  health?: RawLiveness;
  dependsOn?: RawDependencies;
  before?: RawCommand;
  debug?: boolean;
}

export interface RawConfig {
  env?: RawEnv;
  envFile?: string;
  processes: Record<string, RawProcess>;
}
