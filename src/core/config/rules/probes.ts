import type { Segment } from 'jsonc-parser';
import { parseDuration } from '../durations';
import { formatPath, type ProblemLocator, type ProblemTarget } from '../problems';
import type { RawConfig, RawLiveness, RawReadiness } from '../rawConfig';
import { compileLogPattern, HEALTH_KINDS, kindsOf, READY_KINDS } from '../resolveProbes';
import type { ConfigProblem } from '../types';

/**
 * What the schema cannot say of `ready` and `health`: one kind each, a status range low first, a
 * regex that compiles, a URL that parses, waits that are not zero. Resolution relies on these, so
 * parseConfig runs them as part of the schema stage and resolves nothing until they pass.
 */
export function checkProbes(raw: RawConfig, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report: Report = (severity, segments, target, message) => {
    problems.push(locator.atPath(severity, segments, target, `${formatPath(segments)}: ${message}`));
  };
  for (const [name, process] of Object.entries(raw.processes)) {
    if (process.ready) checkProbe(process.ready, ['processes', name, 'ready'], READY_KINDS, report);
    if (process.health) checkProbe(process.health, ['processes', name, 'health'], HEALTH_KINDS, report);
  }
  return problems;
}

type Report = (severity: ConfigProblem['severity'], segments: Segment[], target: ProblemTarget, message: string) => void;
type Kinds = typeof READY_KINDS | typeof HEALTH_KINDS;

function checkProbe(probe: RawReadiness | RawLiveness, base: Segment[], allowed: Kinds, report: Report): void {
  const at = (key: string): Segment[] => [...base, key];
  const logRefused = probe.log !== undefined && !(allowed as readonly string[]).includes('log');
  if (logRefused) report('error', at('log'), 'key', `a log probe cannot tell liveness; use ${either(allowed)}`);
  const kinds = kindsOf(probe, allowed);
  if (kinds.length === 0 && !logRefused) report('error', base, 'key', `needs one of ${either(allowed)}`);
  for (const extra of kinds.slice(1)) report('error', at(extra), 'key', `a probe has one kind; remove ${kinds[0]} or ${extra}`);

  if (probe.status !== undefined && kinds.length > 0 && kinds[0] !== 'http') {
    report('warning', at('status'), 'key', 'only an http probe has a status; ignored');
  } else if (probe.status !== undefined && probe.status[0] > probe.status[1]) {
    report('error', at('status'), 'value', 'must be [low, high] with low ≤ high');
  }
  if (probe.http !== undefined && !URL.canParse(probe.http)) report('error', at('http'), 'value', 'not a valid URL');
  if (typeof probe.log === 'string' && !logRefused) {
    const pattern = compileLogPattern(probe.log);
    if (!(pattern instanceof RegExp)) report('error', at('log'), 'value', `not a valid regular expression: ${pattern.error}`);
  }
  // A zero interval would poll in a hot loop, and a zero timeout or deadline fails every try before it is made.
  for (const key of ['interval', 'timeout', 'deadline'] as const) {
    const value = (probe as RawReadiness)[key];
    if (value !== undefined && parseDuration(value) === 0) report('error', at(key), 'value', 'must be more than 0');
  }
}

/** `tcp, http or exec` */
function either(kinds: readonly string[]): string {
  return `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}
