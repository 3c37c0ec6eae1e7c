import type * as Https from 'node:https';
import * as net from 'node:net';
import type { ProbeTarget } from '../config/types';
import { attempt, connectedToItself, connectionFailed, type Release } from './attempt';
import type { ProbeOptions, ProbeResult } from './probe';

type HttpTarget = Extract<ProbeTarget, { kind: 'http' }>;

/** The URL without any user:password it may carry. */
export function describeHttp({ url }: HttpTarget): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return `GET ${shown.href}`;
}

/** Longest status line worth waiting for; anything longer is not an HTTP answer. */
const MAX_STATUS_LINE = 8192;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})/;

/**
 * Passes when the status is within the inclusive range. The try ends with the status line: the
 * body is never read and the connection is destroyed, so no socket outlives it. A server that
 * accepts but never answers fails at the timeout.
 */
export async function tryHttp(target: HttpTarget, options: ProbeOptions): Promise<ProbeResult> {
  const url = new URL(target.url);
  const label = `GET ${url.pathname}${url.search}`;
  const [lowest, highest] = target.status;
  const judge = (statusCode: number): ProbeResult => ({ ok: statusCode >= lowest && statusCode <= highest, detail: `${label} → ${statusCode}` });
  // Node's https brings tls and crypto (1.5 MB of an idle `procs up`): loaded by the first https probe only.
  const https = url.protocol === 'https:' ? await import('node:https') : undefined;
  return attempt(label, options, (settle) => (https ? getHttps(https, url, label, judge, settle) : getPlain(url, label, judge, settle)));
}

/**
 * Plain http over a bare socket: one request line, then the status line is all we read. Node's
 * http client costs over twice the CPU a try (0.8 ms against 0.3 ms here), and liveness probes
 * run for as long as the processes do.
 */
function getPlain(url: URL, label: string, judge: (status: number) => ProbeResult, settle: (result: ProbeResult) => void): Release {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const socket = net.connect({ host, port: Number(url.port || 80) });
  let head = '';
  socket.setEncoding('latin1');
  socket.once('connect', () => {
    if (connectedToItself(socket)) return settle({ ok: false, detail: `${label} refused` });
    socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
  });
  socket.on('data', (chunk: string) => {
    head += chunk;
    const end = head.indexOf('\r\n');
    if (end === -1 && head.length < MAX_STATUS_LINE) return;
    const status = STATUS_LINE.exec(head.slice(0, end === -1 ? undefined : end));
    settle(status ? judge(Number(status[1])) : { ok: false, detail: `${label}: not an HTTP answer` });
  });
  socket.once('end', () => settle({ ok: false, detail: `${label}: closed without an answer` }));
  // `on`, not `once`: an error after the first would otherwise be thrown.
  socket.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
  return () => socket.destroy();
}

/** Like Kubernetes' httpGet probes, the certificate is not checked: a local dev server's is usually self-signed. */
function getHttps(https: typeof Https, url: URL, label: string, judge: (status: number) => ProbeResult, settle: (result: ProbeResult) => void): Release {
  const request = https.get(url, { agent: false, rejectUnauthorized: false }, ({ statusCode = 0 }) => settle(judge(statusCode)));
  request.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
  return () => request.destroy();
}
