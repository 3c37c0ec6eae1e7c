import type { DependencyGate } from './dependencyWait';
import type { OutputGate } from './outputGate';
import type { Run, RunDeps } from './run';
import type { RunHealth } from './runHealth';
import type { ReasonKind } from './states';

// The shapes ManagedProcess works with, apart so the class itself holds only behaviour.

export interface InstanceInfo {
  /** 'api', or 'api#2' when the spec has several instances. */
  name: string;
  /** 1-based. */
  index: number;
  count: number;
  /** The config folder. */
  root: string;
  /** The absolute path of the `.procs.json`, marked on every process so a later supervisor can find leftovers. */
  configFile?: string;
}

export interface ManagedProcessDeps extends RunDeps {
  /** Shared by the processes of one supervisor: a face whose sink falls behind holds it. */
  outputGate: OutputGate;
  dependencies: DependencyGate | undefined;
}

/** The current run, its probes, and the promise of its output flushed and its outcome handled. */
export interface Current {
  readonly run: Run;
  readonly reason: ReasonKind;
  health: RunHealth | undefined;
  done: Promise<void>;
}

/** A start on its way: what it says, and whether the `before` step runs first. */
export interface Launch {
  message: string;
  restarts: number;
  reason: ReasonKind;
  build: boolean;
}

export interface StopRequest {
  /** An upper bound on the wait between the stop signal and the kill. */
  graceMs?: number;
}
