import * as net from 'node:net';
import type { ProbeTarget } from '../config/types';
import { attempt, connectedToItself, connectionFailed } from './attempt';
import type { ProbeOptions, ProbeResult } from './probe';

type TcpTarget = Extract<ProbeTarget, { kind: 'tcp' }>;

export function describeTcp({ host, port }: TcpTarget): string {
  return `tcp ${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Passes once the port accepts a connection, which is closed again at once. */
export function tryTcp(target: TcpTarget, options: ProbeOptions): Promise<ProbeResult> {
  const label = describeTcp(target);
  return attempt(label, options, (settle) => {
    const socket = net.connect({ host: target.host, port: target.port });
    socket.once('connect', () => settle(connectedToItself(socket, target.port) ? { ok: false, detail: `${label} refused` } : { ok: true, detail: `${label} open` }));
    // `on`, not `once`: an error after the first would otherwise be thrown.
    socket.on('error', (error) => settle({ ok: false, detail: connectionFailed(label, error) }));
    return () => socket.destroy();
  });
}
