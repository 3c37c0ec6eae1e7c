import { parseDuration, parsePercent, parseSize } from '../durations';
import { formatPath, type ProblemLocator } from '../problems';
import type { RawConfig } from '../rawConfig';
import type { ConfigProblem } from '../types';

/**
 * What the schema cannot say of `limits`: a limit of 0 restarts the process on its first reading,
 * `limits` without memory or cpu limits nothing, and `for` without cpu times nothing.
 */
export function checkResourceLimits(raw: RawConfig, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, process] of Object.entries(raw.processes)) {
    const limits = process.limits;
    if (!limits) continue;
    const base = ['processes', name, 'limits'];
    const report = (severity: ConfigProblem['severity'], key: string | undefined, target: 'key' | 'value', message: string): void => {
      const segments = key === undefined ? base : [...base, key];
      problems.push(locator.atPath(severity, segments, target, `${formatPath(segments)}: ${message}`));
    };
    if (limits.memory !== undefined && parseSize(limits.memory) === 0) report('error', 'memory', 'value', 'must be more than 0');
    if (limits.cpu !== undefined && parsePercent(limits.cpu) === 0) report('error', 'cpu', 'value', 'must be more than 0');
    if (limits.for !== undefined && parseDuration(limits.for) === 0) report('error', 'for', 'value', 'must be more than 0');
    if (limits.memory === undefined && limits.cpu === undefined) report('warning', undefined, 'key', 'sets neither memory nor cpu; nothing is limited');
    else if (limits.for !== undefined && limits.cpu === undefined) report('warning', 'for', 'key', 'only a cpu limit waits; ignored');
  }
  return problems;
}
