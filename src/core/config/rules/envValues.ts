import type { Segment } from 'jsonc-parser';
import type { ProblemLocator } from '../problems';
import type { RawConfig } from '../rawConfig';
import type { ConfigProblem } from '../types';

/**
 * A NUL byte ends a string at the operating system's door: no environment can carry one, and
 * spawn throws on it. Values may be secrets, so messages name the variable and never show a value.
 */
export function variablesWithNul(env: Record<string, unknown>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => name.includes('\0') || (typeof value === 'string' && value.includes('\0')))
    .map(([name]) => name);
}

export function nulMessage(name: string): string {
  return `env ${name.replace(/\0/g, '\\0')} contains a NUL byte`;
}

/** The `env` values written in the config, top level and per process, each at its value. */
export function checkEnvValues(raw: RawConfig, locator: ProblemLocator): ConfigProblem[] {
  const places: Array<{ env: Record<string, unknown> | undefined; segments: Segment[] }> = [
    { env: raw.env, segments: ['env'] },
    ...Object.entries(raw.processes).map(([name, process]) => ({ env: process.env, segments: ['processes', name, 'env'] })),
  ];
  return places.flatMap(({ env, segments }) =>
    variablesWithNul(env ?? {}).map((name) => locator.atPath('error', [...segments, name], 'value', nulMessage(name))),
  );
}
