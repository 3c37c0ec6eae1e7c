import type { ProcessSpec } from '../config/types';
import { tryTcp } from '../health/tcp';
import { addressInUse, findPortConflict, type PortConflict } from '../system/portHolder';
import type { OutputLine } from './outputTypes';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

/** The port of a `ready.tcp` probe on this machine: the process is to open it, so it must be free before the spawn. */
export function readyPort(spec: ProcessSpec): number | undefined {
  const target = spec.ready?.target;
  return target?.kind === 'tcp' && LOOPBACK.has(target.host) ? target.port : undefined;
}

// A loopback connect is refused at once; one that hangs is left to the process's own bind.
const ANSWER_TIMEOUT_MS = 500;

/**
 * Who already holds the port the process is to open, found before it is spawned: otherwise its
 * probe would pass on someone else's server. So the probe is tried once first: a refused connect
 * costs a fraction of a ms, where the socket tables cost ~20 ms of blocking reads at every start.
 */
export async function conflictBeforeSpawn(spec: ProcessSpec): Promise<PortConflict | undefined> {
  const port = readyPort(spec);
  const target = spec.ready?.target;
  if (port === undefined || target?.kind !== 'tcp') return undefined;
  const answer = await tryTcp(target, { timeoutMs: ANSWER_TIMEOUT_MS, cwd: spec.cwd, env: {} });
  return answer.ok ? findPortConflict(port) : undefined;
}

/**
 * A run whose output said the address was in use: who holds the port it named (or its `ready.tcp`
 * port). Its lines are read once it has ended, not as they come, so a flood pays nothing for it.
 */
export async function conflictAfterRun(runLines: readonly OutputLine[], spec: ProcessSpec): Promise<PortConflict | undefined> {
  const inUse = firstAddressInUse(runLines);
  const port = inUse && (inUse.port ?? readyPort(spec));
  return port === undefined ? undefined : findPortConflict(port);
}

function firstAddressInUse(lines: readonly OutputLine[]): { port: number | undefined } | undefined {
  for (const line of lines) {
    const inUse = addressInUse(line.text);
    if (inUse) return inUse;
  }
  return undefined;
}
