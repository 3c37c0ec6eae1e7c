/** The shape of `.procs.json` as written, which the schema guarantees once validation passes. */

export type RawDuration = number | string;
export type RawEnv = Record<string, string | number | boolean>;

export interface RawProcess {
  command: string | string[];
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
    stripAnsi?: boolean;
    timestamps?: boolean;
    logFile?: string;
    maxLogSize?: number | string;
    keepLogs?: number;
  };
  statusBar?: boolean;
}

export interface RawConfig {
  env?: RawEnv;
  envFile?: string;
  processes: Record<string, RawProcess>;
}
