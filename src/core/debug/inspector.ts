/** The inspector on a free loopback port: Node picks the port and says which on stderr. */
export const INSPECT_OPTION = '--inspect=127.0.0.1:0';

/** How long after the spawn the run has to say where its inspector listens. */
export const INSPECTOR_LINE_TIMEOUT_MS = 10_000;

/** Where one Node process of a run listens for a debugger. */
export interface Inspector {
  /** `ws://127.0.0.1:43121/8f0c…`, as Node printed it. */
  url: string;
  host: string;
  port: number;
}

// Node prints `Debugger listening on ws://127.0.0.1:43121/8f0c…` (an IPv6 host in brackets).
const LISTENING = /Debugger listening on (ws:\/\/(\[[^\]]+\]|[^\s/:]+):(\d+)\/\S*)/;

/** The inspector a line announces, if it is Node's `Debugger listening on ws://…` line. */
export function findInspector(text: string): Inspector | undefined {
  const match = LISTENING.exec(text);
  if (!match) return undefined;
  const [, url, host, port] = match;
  return { url, host: host.replace(/^\[|\]$/g, ''), port: Number(port) };
}

/**
 * The environment with the inspector added to NODE_OPTIONS after whatever the config or the
 * inherited environment put there. A copy: the plain one still serves the build step and probes.
 */
export function withInspector(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS?.trim();
  return { ...env, NODE_OPTIONS: options ? `${options} ${INSPECT_OPTION}` : INSPECT_OPTION };
}

const IS_IT_NODE = 'is it a Node program? Debugging is off';

/** Why debugging could not begin, in words for people: the run said nothing of an inspector in time. */
export function noInspectorMessage(timeoutMs: number): string {
  return `printed no "Debugger listening on ws://…" line within ${timeoutMs / 1000} s of its start: ${IS_IT_NODE}`;
}

/** Why debugging could not begin: the run ended by itself before it said where its inspector listens. */
export function endedWithoutInspectorMessage(): string {
  return `ended without printing a "Debugger listening on ws://…" line: ${IS_IT_NODE}`;
}
