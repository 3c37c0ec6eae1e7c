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

/** What every try of one target needs, worked out at its first: liveness tries it for as long as the process runs. */
interface ProbeRequest {
  url: URL;
  label: string;
  host: string;
  port: number;
  bytes: Buffer;
}

const requests = new WeakMap<HttpTarget, ProbeRequest>();

function requestFor(target: HttpTarget): ProbeRequest {
  let request = requests.get(target);
  if (!request) {
    const url = new URL(target.url);
    const path = `${url.pathname}${url.search}`;
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const bytes = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`, 'latin1');
    request = { url, label: `GET ${path}`, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, bytes };
    requests.set(target, request);
  }
  return request;
}

/**
 * Passes when the status is within the inclusive range. The try ends with the status line: the
 * body is never read and the connection is destroyed, so no socket outlives it. A server that
 * accepts but never answers fails at the timeout.
 */
export async function tryHttp(target: HttpTarget, options: ProbeOptions): Promise<ProbeResult> {
  const request = requestFor(target);
  const [lowest, highest] = target.status;
  const judge = (statusCode: number): ProbeResult => ({ ok: statusCode >= lowest && statusCode <= highest, detail: `${request.label} → ${statusCode}` });
  // Node's https brings tls and crypto (1.5 MB of an idle `procs up`): loaded by the first https probe only.
  const https = request.url.protocol === 'https:' ? await import('node:https') : undefined;
  return attempt(request.label, options, (settle) => (https ? getHttps(https, request, judge, settle) : getPlain(request, judge, settle)));
}

/**
 * Plain http over a bare socket: one request line, then the status line is all we read. Node's
 * http client costs over twice the CPU a try (0.8 ms against 0.3 ms here), and liveness probes
 * run for as long as the processes do.
 */
function getPlain({ label, host, port, bytes }: ProbeRequest, judge: (status: number) => ProbeResult, settle: (result: ProbeResult) => void): Release {
  const socket = net.connect({ host, port });
  let head: Buffer | undefined;
  socket.once('connect', () => socket.write(bytes));
  socket.on('data', (chunk: Buffer) => {
    // Nearly always the whole status line arrives in one chunk; a split one is joined.
    head = head ? Buffer.concat([head, chunk]) : chunk;
    const end = head.indexOf('\r\n');
    if (end === -1 && head.length < MAX_STATUS_LINE) return;
    const status = STATUS_LINE.exec(head.toString('latin1', 0, end === -1 ? MAX_STATUS_LINE : end));
    if (status) return settle(judge(Number(status[1])));
    // A socket that connected to itself reads back its own request. Asked only here: the address
    // lookup is a system call, and every try of a live server would pay for it.
    settle({ ok: false, detail: connectedToItself(socket, port) ? `${label} refused` : `${label}: not an HTTP answer` });
  });
  socket.once('end', () => settle({ ok: false, detail: `${label}: closed without an answer` }));
  // `on`, not `once`: an error after the first would otherwise be thrown.
  socket.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
  return () => socket.destroy();
}

/** Like Kubernetes' httpGet probes, the certificate is not checked: a local dev server's is usually self-signed. */
function getHttps(https: typeof Https, { url, label }: ProbeRequest, judge: (status: number) => ProbeResult, settle: (result: ProbeResult) => void): Release {
  const request = https.get(url, { agent: false, rejectUnauthorized: false }, ({ statusCode = 0 }) => settle(judge(statusCode)));
  request.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
  return () => request.destroy();
}
