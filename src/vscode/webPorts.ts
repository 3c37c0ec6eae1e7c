import type { ProbeTarget, ProcessSpec } from '../core/config/types';
import type { ListeningSocket } from '../core/system/ports';
import type { ProcessState } from '../core/process/states';
import type { ResourceSample } from '../core/system/treeSample';

/**
 * Ports dev servers serve pages on by default: Create React App, Next, Express (3000), Astro (4321),
 * Angular (4200), Flask (5000), Vite (5173, 5174, preview 4173), Django, Rails alternatives (8000),
 * the `8080`/`8081`/`8888` family, Storybook (6006), Parcel (1234).
 */
const DEV_WEB_PORTS = new Set([1234, 3000, 3001, 4000, 4173, 4200, 4321, 5000, 5173, 5174, 6006, 8000, 8080, 8081, 8888]);

/**
 * The process's listening ports a browser likely has a page on: one its `ready` or `health` probe
 * asks over HTTP, or a dev server's usual port. Probing each port for an HTTP answer would cost a
 * connection per new port on every sample; the config and the conventions say enough for a button.
 */
export function httpPorts(spec: ProcessSpec, sample: ResourceSample | undefined, state: ProcessState | undefined): ListeningSocket[] {
  const probed = new Set([spec.ready?.target, spec.health?.target].flatMap(httpProbePort));
  return servedPorts(sample, state).filter((socket) => probed.has(socket.port) || DEV_WEB_PORTS.has(socket.port));
}

/** Every listening port, the HTTP-looking ones first: the port rows, and what "Open Port in Browser…" lists. */
export function browserPorts(spec: ProcessSpec, sample: ResourceSample | undefined, state: ProcessState | undefined): Array<ListeningSocket & { http: boolean }> {
  const http = new Set(httpPorts(spec, sample, state).map((socket) => socket.port));
  const ports = servedPorts(sample, state).map((socket) => ({ ...socket, http: http.has(socket.port) }));
  return [...ports.filter((socket) => socket.http), ...ports.filter((socket) => !socket.http)];
}

/** How a port reads beside its number, in its row and in the pick. */
export function portDescription(socket: ListeningSocket & { http: boolean }): string {
  return socket.http ? `${socket.address} · looks like a web server` : socket.address;
}

/** The ports the process serves: not the inspector's, which a debugged run also listens on. */
function servedPorts(sample: ResourceSample | undefined, state: ProcessState | undefined): ListeningSocket[] {
  const inspectors = new Set(state?.debug?.inspectors.map((inspector) => inspector.port));
  return (sample?.ports ?? []).filter((socket) => !inspectors.has(socket.port));
}

function httpProbePort(target: ProbeTarget | undefined): number[] {
  if (target?.kind !== 'http') return [];
  try {
    const url = new URL(target.url);
    return [Number(url.port || (url.protocol === 'https:' ? 443 : 80))];
  } catch {
    return [];
  }
}

/**
 * What a row's `contextValue` adds after its status, for the menus: `.web` with an HTTP-looking
 * port (the inline Open in Browser), `.ports` with only other ports, nothing without a port.
 */
export const PORT_MARKS = ['', '.web', '.ports'] as const;

export function portMark(spec: ProcessSpec, sample: ResourceSample | undefined, state: ProcessState | undefined): (typeof PORT_MARKS)[number] {
  if (httpPorts(spec, sample, state).length > 0) return '.web';
  return servedPorts(sample, state).length > 0 ? '.ports' : '';
}
