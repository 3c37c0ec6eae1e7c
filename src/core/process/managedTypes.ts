import type { ProcessSpec } from '../config/types';
import type { InspectorWatch } from '../debug/inspectorWatch';
import type { DependencyGate } from './dependencyWait';
import type { OutputGate } from './outputGate';
import type { ProcessOutput } from './processOutput';
import type { Run, RunDeps } from './run';
import type { RunHealth } from './runHealth';
import type { ProcessState, ReasonKind } from './states';

// The shapes ManagedProcess and its parts work with, apart so the classes hold only behaviour.

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
  /** While debugging: the inspectors the run announces. */
  inspectors: InspectorWatch | undefined;
  done: Promise<void>;
  /** Output lines delivered before this run: its own are the ones after. */
  readonly linesBefore: number;
}

/** A start on its way: what it says, and whether the `before` step runs first. */
export interface Launch {
  message: string;
  restarts: number;
  crashes: number;
  /** See ProcessState.settling: a start by hand clears it, a crash restart keeps it. */
  settling: boolean;
  reason: ReasonKind;
  build: boolean;
}

export interface StopRequest {
  /** An upper bound on the wait between the stop signal and the kill. */
  graceMs?: number;
}

/** What a state change names: status, reason and message always, the rest only where it changes. */
export type StateChange = Partial<ProcessState> & Pick<ProcessState, 'status' | 'reason' | 'message'>;

/**
 * What the parts of one ManagedProcess (start sequence, current run, crash schedule) share with it:
 * the state as it is now, its one writer, the queue, and the epoch every stop bumps.
 */
export interface ProcessCore {
  readonly spec: ProcessSpec;
  readonly deps: ManagedProcessDeps;
  /** The children's environment, built once for the process. */
  readonly env: NodeJS.ProcessEnv;
  readonly output: ProcessOutput;
  readonly state: ProcessState;
  /** Bumped by every stop: work that awaited across one sees it and leaves the state alone. */
  readonly epoch: number;
  readonly disposed: boolean;
  /** The only writer of the state. */
  setState(change: StateChange): void;
  /** Runs `operation` after every operation queued before it. */
  serial(operation: () => Promise<void>): Promise<void>;
}
