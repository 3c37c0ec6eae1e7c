import * as http from 'node:http';
import * as https from 'node:https';
import type { ProbeTarget } from '../config/types';
import { attempt, connectionFailed } from './attempt';
import type { ProbeOptions, ProbeResult } from './probe';

type HttpTarget = Extract<ProbeTarget, { kind: 'http' }>;

/** The URL without any user:password it may carry. */
export function describeHttp({ url }: HttpTarget): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return `GET ${shown.href}`;
}

/**
 * Passes when the status is within the inclusive range. The try ends with the status line: the
 * body is never read and the request is destroyed, and without a keep-alive agent no socket
 * outlives it. A server that accepts but never answers fails at the timeout.
 */
export function tryHttp(target: HttpTarget, options: ProbeOptions): Promise<ProbeResult> {
  const url = new URL(target.url);
  const label = `GET ${url.pathname}${url.search}`;
  const [lowest, highest] = target.status;
  return attempt(label, options, (settle) => {
    const onResponse = ({ statusCode = 0 }: http.IncomingMessage): void =>
      settle({ ok: statusCode >= lowest && statusCode <= highest, detail: `${label} → ${statusCode}` });
    // Like Kubernetes' httpGet probes, the certificate is not checked: a local dev server's is
    // usually self-signed, and the question is whether it answers, not whom to trust.
    const request =
      url.protocol === 'https:'
        ? https.get(url, { agent: false, rejectUnauthorized: false }, onResponse)
        : http.get(url, { agent: false }, onResponse);
    request.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
    return () => request.destroy();
  });
}
