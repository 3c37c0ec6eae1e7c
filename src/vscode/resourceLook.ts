import type { ResourceLimits } from '../core/config/types';
import { megabytes, NEAR_LIMIT, shareOfLimit } from '../core/system/limitCheck';
import { briefCommand } from '../core/system/briefCommand';
import type { ResourceSample } from '../core/system/treeSample';

/** `:3000`, `4%`, `182 MB`: what the row's description adds while the process runs. */
export function resourceParts(sample: ResourceSample): string[] {
  const parts = sample.ports.map((socket) => `:${socket.port}`);
  if (sample.cpuPercent !== undefined) parts.push(`${Math.round(sample.cpuPercent)}%`);
  parts.push(megabytes(sample.rssBytes));
  return parts;
}

/** The tooltip's lines: ports with addresses, CPU and memory of the tree, the worker under a wrapper. */
export function resourceLines(sample: ResourceSample, limits: ResourceLimits | undefined): string[] {
  const lines: string[] = [];
  if (sample.worker) lines.push(`pid ${sample.worker.pid} (${briefCommand(sample.worker.command)}) does the work, under pid ${sample.pid}`);
  if (sample.ports.length > 0) lines.push(`ports: ${sample.ports.map((socket) => `${socket.port} (${socket.address})`).join(', ')}`);
  const cpu = sample.cpuPercent === undefined ? 'cpu: measuring' : `cpu: ${Math.round(sample.cpuPercent)}%`;
  const tree = sample.processCount === 1 ? '' : ` over ${sample.processCount} processes`;
  lines.push(`${cpu} · memory: ${megabytes(sample.rssBytes)}${tree}`);
  if (limits) lines.push(`limits: ${limitText(limits)}`);
  if (isNearLimit(limits, sample)) lines.push('close to its limit: it restarts past it');
  return lines;
}

function limitText(limits: ResourceLimits): string {
  const parts: string[] = [];
  if (limits.memoryBytes !== undefined) parts.push(`memory ${megabytes(limits.memoryBytes)}`);
  if (limits.cpuPercent !== undefined) parts.push(`cpu ${limits.cpuPercent}% for ${Math.round(limits.forMs / 1000)} s`);
  return parts.join(', ');
}

/** Over 90 % of a limit: the row turns to the warning colour. */
export function isNearLimit(limits: ResourceLimits | undefined, sample: ResourceSample): boolean {
  return (shareOfLimit(limits, sample) ?? 0) > NEAR_LIMIT;
}
