import type { Socket } from 'node:net';
import { spokenDelay } from '../process/messages';
import type { ProbeOptions, ProbeResult } from './probe';

/** Frees what a try holds (a socket, a process tree); a promise it returns is waited for. */
export type Release = () => unknown;

/**
 * One try of a probe, settled once: by its own result, at the timeout, or by an abort (whose
 * result counts for nothing). What it holds is released before the result is handed on, so the
 * next try never meets a socket or a process tree of the one before.
 */
export function attempt(
  label: string,
  { timeoutMs, signal }: Pick<ProbeOptions, 'timeoutMs' | 'signal'>,
  start: (settle: (result: ProbeResult) => void) => Release,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled: ProbeResult | undefined;
    let release: Release | undefined;
    const finish = (result: ProbeResult, free: Release): void => {
      // Released first; a promise it returns (a process tree being killed) is waited for.
      let freeing: unknown;
      try {
        freeing = free();
      } catch {
        freeing = undefined;
      }
      if (freeing instanceof Promise) void freeing.then(() => resolve(result), () => resolve(result));
      else resolve(result);
    };
    const settle = (result: ProbeResult): void => {
      if (settled) return;
      settled = result;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A `start` that settles at once has not returned its release yet: it is freed on return.
      if (release) finish(result, release);
    };
    const onAbort = (): void => settle({ ok: false, detail: `${label}: cancelled` });
    const timer = setTimeout(() => settle({ ok: false, detail: `${label}: no answer in ${spokenDelay(timeoutMs)}` }), timeoutMs);
    if (signal?.aborted) {
      release = () => undefined;
      return onAbort();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    release = start(settle);
    if (settled) finish(settled, release);
  });
}

/** A connection that failed: only the error code, since Node's message may quote more than we want shown. */
export function connectionFailed(label: string, error: NodeJS.ErrnoException): string {
  return error.code === 'ECONNREFUSED' ? `${label} refused` : `${label} failed (${error.code ?? error.name})`;
}

/**
 * Linux may hand a connect to a closed port in its ephemeral range that same port as the local
 * one, and the socket then connects to itself: no server is there, so it counts as refused.
 * `port` is the one connected to: the local port is compared with it first, so a real connection
 * costs one address lookup (a system call), not two.
 */
export function connectedToItself(socket: Pick<Socket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>, port: number): boolean {
  return socket.localPort === port && socket.remotePort === port && socket.localAddress === socket.remoteAddress;
}
