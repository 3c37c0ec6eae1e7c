import type { ProcessSpec } from '../config/types';
import { consecutiveAfterRun } from './backoff';
import * as msg from './messages';
import { decideRestart, isFailure } from './restartPolicy';
import { assertNever, type ExitInfo, type PortConflict, type ProcessState, type ReasonKind } from './states';

/** A run that ended by itself (or never began): how long it ran, when it ended, how, and why. */
export interface RunEnd {
  ranMs: number;
  endedAt: number;
  exit: ExitInfo | undefined;
  /** How it ended in plain words: `exited with code 1`, `not ready after 60 s: …`. */
  ended: string;
  reason: ReasonKind;
  /** Who held the port it needed, when that is why it ended. */
  conflict?: PortConflict;
}

export interface Ending {
  /** Automatic restarts in a row, after this one is counted. */
  consecutive: number;
  state: Pick<ProcessState, 'status' | 'reason' | 'message' | 'pid' | 'startedAt' | 'lastExit' | 'nextRestartAt' | 'probe' | 'settling' | 'crashes' | 'conflict'>;
  /** Set when a restart is due at `state.nextRestartAt`. */
  restartAt: number | undefined;
}

/** What a process has counted before this end: crash restarts in a row, and failed runs since started by hand. */
export interface Counts {
  consecutive: number;
  crashes: number;
}

/** Back off, exit or give up: the state a run's end leads to, from the spec's restart policy. Pure. */
export function endingOf(spec: ProcessSpec, before: Counts, end: RunEnd): Ending {
  let consecutive = consecutiveAfterRun(before.consecutive, end.ranMs, spec.resetAfterMs);
  // A clean exit of the child is no crash; a spawn, probe or build failure has no exit and is one.
  const crashes = before.crashes + (end.reason !== 'crash' || isFailure(end.exit) ? 1 : 0);
  const decision = decideRestart({
    policy: spec.restart,
    exit: end.exit,
    stopRequested: false,
    consecutiveRestarts: consecutive,
    maxRestarts: spec.maxRestarts,
    scheduleMs: spec.backoffMs,
  });
  const base = { reason: end.reason, crashes, pid: undefined, startedAt: undefined, lastExit: end.exit, probe: undefined, conflict: end.conflict };
  switch (decision.kind) {
    case 'restart': {
      consecutive++;
      const restartAt = end.endedAt + decision.delayMs;
      const message = msg.restartingIn(end.ended, decision.delayMs);
      return { consecutive, restartAt, state: { ...base, status: 'backoff', nextRestartAt: restartAt, message, settling: true } };
    }
    case 'exit':
      return { consecutive, restartAt: undefined, state: { ...base, status: 'exited', nextRestartAt: undefined, message: end.ended, settling: false } };
    case 'fail':
      return { consecutive, restartAt: undefined, state: { ...base, status: 'failed', nextRestartAt: undefined, message: msg.gaveUp(end.ended, consecutive), settling: false } };
    default:
      return assertNever(decision);
  }
}
