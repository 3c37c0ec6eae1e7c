import type { ResourceLimits } from '../config/types';
import { spokenDelay } from '../process/messages';
import type { ResourceSample } from './treeSample';

/** A limit a run went over, and its words for people: `memory 640 MB over its 512 MB limit`. */
export interface LimitBreach {
  kind: 'memory' | 'cpu';
  message: string;
}

/** Past this share of a limit the faces warn: the process is close to a restart. */
export const NEAR_LIMIT = 0.9;

/**
 * Decides, reading by reading, whether one run is over its limits: memory at once, CPU once every
 * reading for `for` has been above. Pure apart from remembering when CPU went over.
 */
export class LimitWatch {
  private cpuOverSince: number | undefined;
  /** The reading before: a reading's CPU is what was spent since then. */
  private lastAt: number | undefined;

  constructor(private readonly limits: ResourceLimits) {}

  check(sample: ResourceSample): LimitBreach | undefined {
    const { memoryBytes, cpuPercent, forMs } = this.limits;
    const since = this.lastAt ?? sample.at;
    this.lastAt = sample.at;
    if (memoryBytes !== undefined && sample.rssBytes > memoryBytes) {
      return { kind: 'memory', message: `memory ${megabytes(sample.rssBytes)} over its ${megabytes(memoryBytes)} limit` };
    }
    if (cpuPercent === undefined || sample.cpuPercent === undefined) return undefined;
    if (sample.cpuPercent <= cpuPercent) {
      this.cpuOverSince = undefined;
      return undefined;
    }
    // Over since the start of the first reading's window, not its end.
    this.cpuOverSince ??= since;
    if (sample.at - this.cpuOverSince < forMs) return undefined;
    return { kind: 'cpu', message: `cpu ${Math.round(sample.cpuPercent)}% over its ${cpuPercent}% limit for ${spokenDelay(sample.at - this.cpuOverSince)}` };
  }
}

/** The largest share of a limit the sample uses (1 is at the limit), or undefined without limits. */
export function shareOfLimit(limits: ResourceLimits | undefined, sample: ResourceSample): number | undefined {
  if (!limits) return undefined;
  const shares = [
    limits.memoryBytes === undefined ? 0 : sample.rssBytes / limits.memoryBytes,
    limits.cpuPercent === undefined || sample.cpuPercent === undefined ? 0 : sample.cpuPercent / limits.cpuPercent,
  ];
  return Math.max(...shares);
}

/** `182 MB`, `1.2 GB`: memory as the tree and the messages show it. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 ** 2;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  return `${Math.round(mb)} MB`;
}
