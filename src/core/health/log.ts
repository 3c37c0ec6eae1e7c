import type { ProbeTarget } from '../config/types';
import { removeAnsi } from '../process/ansi';

type LogTarget = Extract<ProbeTarget, { kind: 'log' }>;

export function describeLog({ pattern }: LogTarget): string {
  return `log ${String(pattern)}`;
}

/**
 * A log probe needs no polling: each output line is offered as it comes, colour codes removed,
 * so a pattern matches what a person reads.
 */
export function logMatcher({ pattern }: LogTarget): (line: string) => boolean {
  // `g` and `y` make test() carry on from where it last stopped; each line is judged on its own.
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (line) => regex.test(removeAnsi(line));
}
