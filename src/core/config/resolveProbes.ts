import { validatedMs } from './durations';
import type { RawDependencies, RawLiveness, RawReadiness } from './rawConfig';
import type { Dependency, LivenessSpec, ProbeTarget, ReadinessSpec } from './types';

/** The kinds a probe may be, in the order messages name them. `log` cannot tell liveness. */
export const READY_KINDS = ['tcp', 'http', 'log', 'exec'] as const;
export const HEALTH_KINDS = ['tcp', 'http', 'exec'] as const;
type Kind = (typeof READY_KINDS)[number];

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_STATUS: readonly [number, number] = [200, 399];
const READY_DEFAULTS = { interval: '1s', timeout: '2s', deadline: '60s' };
const HEALTH_DEFAULTS = { interval: '10s', timeout: '2s', failures: 3 };

/** The kinds written in a probe, in READY_KINDS order; exactly one once rules/probes.ts has passed. */
export function kindsOf(probe: RawReadiness | RawLiveness, allowed: readonly Kind[]): Kind[] {
  return allowed.filter((kind) => probe[kind] !== undefined);
}

/**
 * A `log` pattern compiled, or the engine's reason it does not compile without the
 * "Invalid regular expression: /…/: " preamble, which would repeat the pattern the user just wrote.
 */
export function compileLogPattern(source: string): RegExp | { error: string } {
  try {
    return new RegExp(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const preamble = `Invalid regular expression: /${source}/: `;
    return { error: message.startsWith(preamble) ? message.slice(preamble.length) : message };
  }
}

export function resolveReadiness(raw: RawReadiness | undefined): ReadinessSpec | undefined {
  if (raw === undefined) return undefined;
  return {
    target: resolveTarget(raw, READY_KINDS),
    intervalMs: validatedMs(raw.interval ?? READY_DEFAULTS.interval),
    timeoutMs: validatedMs(raw.timeout ?? READY_DEFAULTS.timeout),
    deadlineMs: validatedMs(raw.deadline ?? READY_DEFAULTS.deadline),
  };
}

export function resolveLiveness(raw: RawLiveness | undefined): LivenessSpec | undefined {
  if (raw === undefined) return undefined;
  const target = resolveTarget(raw, HEALTH_KINDS);
  if (target.kind === 'log') throw new Error('rules let through a log probe under health');
  return {
    target,
    intervalMs: validatedMs(raw.interval ?? HEALTH_DEFAULTS.interval),
    timeoutMs: validatedMs(raw.timeout ?? HEALTH_DEFAULTS.timeout),
    failures: raw.failures ?? HEALTH_DEFAULTS.failures,
  };
}

/** The list form means "ready" for each; a name listed twice counts once. */
export function resolveDependencies(raw: RawDependencies | undefined): Dependency[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return [...new Set(raw)].map((name) => ({ name, condition: 'ready' }));
  return Object.entries(raw).map(([name, condition]) => ({ name, condition }));
}

// The schema and rules/probes.ts have checked the probe, so a failure here is a bug in them.
function resolveTarget(raw: RawReadiness | RawLiveness, allowed: readonly Kind[]): ProbeTarget {
  const [kind] = kindsOf(raw, allowed);
  switch (kind) {
    case 'tcp':
      return { kind, ...tcpAddress(raw.tcp as number | string) };
    case 'http':
      return { kind, url: raw.http as string, status: raw.status ? [raw.status[0], raw.status[1]] : DEFAULT_STATUS };
    case 'log': {
      const pattern = compileLogPattern(raw.log as string);
      if (!(pattern instanceof RegExp)) throw new Error(`rules let through a bad log pattern: ${pattern.error}`);
      return { kind, pattern };
    }
    case 'exec':
      return { kind, command: raw.exec as string | string[] };
    case undefined:
      throw new Error('rules let through a probe with no kind');
  }
}

/** `5432` or `"host:5432"`; the port is last, so an IPv6 host keeps its colons (written `[::1]:5432`). */
function tcpAddress(tcp: number | string): { host: string; port: number } {
  if (typeof tcp === 'number') return { host: DEFAULT_HOST, port: tcp };
  const colon = tcp.lastIndexOf(':');
  const host = tcp.slice(0, colon);
  return { host: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(tcp.slice(colon + 1)) };
}
