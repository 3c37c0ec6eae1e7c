import * as path from 'path';
import { parsePercent, parseSize, validatedMs as toMs } from './durations';
import type { RawEnv, RawProcess } from './rawConfig';
import { resolveDependencies, resolveLiveness, resolveReadiness } from './resolveProbes';
import type { ProcessSpec, ResourceLimits } from './types';

const DEFAULT_BACKOFF = ['100ms', '500ms', '1s', '10s', '30s', '1m', '5m', '15m'];
const DEFAULT_RESET_AFTER = '30m';
const DEFAULT_STOP_TIMEOUT = '5s';
const DEFAULT_MAX_LOG_SIZE = '10MB';
const DEFAULT_KEEP_LOGS = 3;
const DEFAULT_LIMIT_FOR = '30s';

/**
 * Env values may be written as numbers or booleans (`"PORT": 4000`) and become their string
 * form, which is what the process would see anyway; the schema rejects null, objects and arrays.
 */
export function envToStrings(env: RawEnv | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env ?? {})) out[key] = String(value);
  return out;
}

/**
 * A validated `processes` entry with defaults applied and paths made absolute.
 * `inheritedEnv` is the top-level envFile and env; `envFromFile` is this process's envFile.
 */
export function resolveProcess(
  name: string,
  raw: RawProcess,
  root: string,
  inheritedEnv: Record<string, string>,
  envFromFile: Record<string, string>,
): ProcessSpec {
  const cwd = path.resolve(root, raw.cwd ?? '.');
  const output = raw.output ?? {};
  return {
    name,
    command: raw.command,
    cwd,
    env: { ...inheritedEnv, ...envFromFile, ...envToStrings(raw.env) },
    groups: raw.group === undefined ? [] : typeof raw.group === 'string' ? [raw.group] : [...raw.group],
    instances: raw.instances ?? 1,
    autostart: raw.autostart ?? true,
    disabled: raw.disabled ?? false,
    restart: raw.restart ?? 'on-failure',
    backoffMs: (raw.backoff ?? DEFAULT_BACKOFF).map(toMs),
    resetAfterMs: toMs(raw.resetAfter ?? DEFAULT_RESET_AFTER),
    maxRestarts: raw.maxRestarts ?? null,
    watch: raw.watch ?? [],
    ignore: raw.ignore ?? [],
    stop: { signal: raw.stop?.signal ?? 'SIGTERM', timeoutMs: toMs(raw.stop?.timeout ?? DEFAULT_STOP_TIMEOUT) },
    output: {
      color: output.color ?? false,
      stripAnsi: output.stripAnsi ?? true,
      timestamps: output.timestamps ?? false,
      logFile: output.logFile === undefined ? undefined : path.resolve(cwd, output.logFile),
      maxLogSizeBytes: toBytes(output.maxLogSize ?? DEFAULT_MAX_LOG_SIZE),
      keepLogs: output.keepLogs ?? DEFAULT_KEEP_LOGS,
    },
    stdin: raw.stdin ?? false,
    statusBar: raw.statusBar ?? false,
    limits: resolveLimits(raw.limits),
    ready: resolveReadiness(raw.ready),
    health: resolveLiveness(raw.health),
    dependsOn: resolveDependencies(raw.dependsOn),
    before: raw.before,
    debug: raw.debug ?? false,
  };
}

/** No limit set is no limits at all: nothing needs sampling for it. */
function resolveLimits(raw: RawProcess['limits']): ResourceLimits | undefined {
  const memoryBytes = raw?.memory === undefined ? undefined : toBytes(raw.memory);
  const cpuPercent = raw?.cpu === undefined ? undefined : parsePercent(raw.cpu);
  if (memoryBytes === undefined && cpuPercent === undefined) return undefined;
  return { memoryBytes, cpuPercent, forMs: toMs(raw?.for ?? DEFAULT_LIMIT_FOR) };
}

// The schema has already checked the value, so a failure here is a bug in the schema or the parser.
function toBytes(value: number | string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new Error(`schema let through a bad size: ${JSON.stringify(value)}`);
  return bytes;
}
