import type { ProbeTarget } from '../config/types';
import { assertNever } from '../process/states';
import { describeExec, tryExec } from './exec';
import { describeHttp, tryHttp } from './http';
import { describeLog } from './log';
import { describeTcp, tryTcp } from './tcp';

/** One try's outcome; `detail` is for people (`GET /health → 503`) and never holds an environment value. */
export interface ProbeResult {
  ok: boolean;
  detail: string;
}

/** Where an exec probe runs: the process's own cwd and environment. */
export interface ProbeContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ProbeOptions extends ProbeContext {
  /** One try; past it the try fails, and what it started is closed or killed. */
  timeoutMs: number;
  /** Aborting ends the try at once (an exec probe's tree is killed); its result counts for nothing. */
  signal?: AbortSignal;
}

/** The kinds that are tried again and again; a log probe is fed lines instead. */
export type PolledTarget = Exclude<ProbeTarget, { kind: 'log' }>;

/** Never rejects: a failed probe is a result. */
export type TryProbeFn = (target: PolledTarget, options: ProbeOptions) => Promise<ProbeResult>;

/** What is probed, as the tree and the lifecycle lines show it: `tcp 127.0.0.1:5432`. */
export function describeProbe(target: ProbeTarget): string {
  switch (target.kind) {
    case 'tcp':
      return describeTcp(target);
    case 'http':
      return describeHttp(target);
    case 'log':
      return describeLog(target);
    case 'exec':
      return describeExec(target);
    default:
      return assertNever(target);
  }
}

export const tryProbe: TryProbeFn = (target, options) => {
  switch (target.kind) {
    case 'tcp':
      return tryTcp(target, options);
    case 'http':
      return tryHttp(target, options);
    case 'exec':
      return tryExec(target, options);
    default:
      return assertNever(target);
  }
};
