import type { ProcessSpec } from '../config/types';
import { consecutiveAfterRun } from './backoff';
import * as msg from './messages';
import { decideRestart } from './restartPolicy';
import { assertNever, type ExitInfo, type ProcessState, type ReasonKind } from './states';

/** A run that ended by itself (or never began): how long it ran, when it ended, how, and why. */
export interface RunEnd {
  ranMs: number;
  endedAt: number;
  exit: ExitInfo | undefined;
  /** How it ended in plain words: `exited with code 1`, `not ready after 60 s: …`. */
  ended: string;
  reason: ReasonKind;
}

export interface Ending {
  /** Automatic restarts in a row, after this one is counted. */
  consecutive: number;
  state: Pick<ProcessState, 'status' | 'reason' | 'message' | 'pid' | 'startedAt' | 'lastExit' | 'nextRestartAt' | 'probe'>;
  /** Set when a restart is due at `state.nextRestartAt`. */
  restartAt: number | undefined;
}

/** Back off, exit or give up: the state a run's end leads to, from the spec's restart policy. Pure. */
export function endingOf(spec: ProcessSpec, consecutiveBefore: number, end: RunEnd): Ending {
  let consecutive = consecutiveAfterRun(consecutiveBefore, end.ranMs, spec.resetAfterMs);
  const decision = decideRestart({
    policy: spec.restart,
    exit: end.exit,
    stopRequested: false,
    consecutiveRestarts: consecutive,
    maxRestarts: spec.maxRestarts,
    scheduleMs: spec.backoffMs,
  });
  const base = { reason: end.reason, pid: undefined, startedAt: undefined, lastExit: end.exit, probe: undefined };
  switch (decision.kind) {
    case 'restart': {
      consecutive++;
      const restartAt = end.endedAt + decision.delayMs;
      const message = msg.restartingIn(end.ended, decision.delayMs);
      return { consecutive, restartAt, state: { ...base, status: 'backoff', nextRestartAt: restartAt, message } };
    }
    case 'exit':
      return { consecutive, restartAt: undefined, state: { ...base, status: 'exited', nextRestartAt: undefined, message: end.ended } };
    case 'fail':
      return { consecutive, restartAt: undefined, state: { ...base, status: 'failed', nextRestartAt: undefined, message: msg.gaveUp(end.ended, consecutive) } };
    default:
      return assertNever(decision);
  }
}
