import * as vscode from 'vscode';
import { spokenCountdown, spokenDelay } from '../core/process/messages';
import { assertNever, type ExitInfo, type ProbeView, type ProcessState, type ProcessStatus } from '../core/process/states';

/** The codicon and colour that stand for a state, in the tree and the status bar. */
export function stateIcon(state: ProcessState): vscode.ThemeIcon {
  const [id, color] = iconParts(state);
  return new vscode.ThemeIcon(id, color === undefined ? undefined : new vscode.ThemeColor(color));
}

/** The codicon id alone, for `$(id)` in labels and status bar text. */
export function stateCodicon(state: ProcessState): string {
  return iconParts(state)[0];
}

/**
 * What is wrong with a process that still counts as running, or undefined: its last liveness try
 * failed (more may fail before the restart), or a build on save failed and the previous build serves.
 * The status alone cannot tell, so the row turns to a warning and says which.
 */
export function runningConcern(state: ProcessState): string | undefined {
  if (state.status !== 'running') return undefined;
  if (state.probe?.ok === false) return 'health failing';
  // The reason says a build failed; the message says it in the engine's words.
  if (state.reason === 'build') return state.message;
  return undefined;
}

function iconParts(state: ProcessState): [string, string | undefined] {
  if (runningConcern(state) !== undefined) return ['warning', 'list.warningForeground'];
  const status = state.status;
  switch (status) {
    case 'waiting':
      return ['watch', undefined];
    case 'starting':
      return ['sync~spin', undefined];
    case 'stopping':
      return ['loading~spin', undefined];
    case 'running':
      return ['pass-filled', 'testing.iconPassed'];
    case 'backoff':
      return ['history', 'list.warningForeground'];
    case 'exited':
      return ['debug-stop', 'descriptionForeground'];
    case 'failed':
      return ['error', 'testing.iconFailed'];
    case 'stopped':
      return ['circle-outline', undefined];
    case 'disabled':
      return ['circle-slash', 'disabledForeground'];
    default:
      return assertNever(status);
  }
}

/** What sampling adds to a live row: the pid of the process doing the work, and `:3000 · 4% · 182 MB`. */
export interface LiveLook {
  pid?: number;
  parts?: readonly string[];
}

/**
 * `running · pid 4711 · 3m · ↻2`, `running · pid 4711 · :3000 · 4% · 182 MB · 3m`,
 * `running · pid 4711 · 5m · health failing`, `backoff · restart in 0.5 s · 2 crashes`, `exited · code 1`,
 * `waiting for db (starting)`.
 * `↻` counts the restarts someone asked for (Restart, a save); crashes are counted apart.
 */
export function stateDescription(state: ProcessState, now: number, live: LiveLook = {}): string {
  const parts: string[] = [state.status];
  switch (state.status) {
    case 'waiting':
      // The engine's message names what it waits for, and already begins with the status.
      parts[0] = state.message;
      break;
    case 'running':
    case 'starting':
    case 'stopping': {
      const pid = live.pid ?? state.pid;
      if (pid !== undefined) parts.push(`pid ${pid}`);
      parts.push(...(live.parts ?? []));
      if (state.status === 'running' && state.startedAt !== undefined) parts.push(formatUptime(now - state.startedAt));
      const concern = runningConcern(state);
      if (concern !== undefined) parts.push(concern);
      break;
    }
    case 'backoff':
      if (state.nextRestartAt !== undefined) parts.push(`restart in ${spokenCountdown(state.nextRestartAt - now)}`);
      break;
    case 'exited':
    case 'failed':
      if (state.lastExit) parts.push(exitText(state.lastExit));
      break;
    case 'stopped':
    case 'disabled':
      break;
    default:
      assertNever(state.status);
  }
  if (state.crashes > 0) parts.push(crashCount(state.crashes));
  if (state.restarts > 0) parts.push(`↻${state.restarts}`);
  return parts.join(' · ');
}

/** `1 crash`, `3 crashes`. */
export function crashCount(crashes: number): string {
  return `${crashes} ${crashes === 1 ? 'crash' : 'crashes'}`;
}

/** `code 1` or `signal SIGTERM`. */
export function exitText(exit: ExitInfo): string {
  return exit.code !== null ? `code ${exit.code}` : `signal ${exit.signal ?? 'unknown'}`;
}

/**
 * The probe's last word for the tooltip: `ready: tcp 127.0.0.1:5432 · passed after 0.83 s`, or a
 * liveness try `health: GET http://127.0.0.1:4000/health · GET /health → 503 · 4s ago`. The readiness
 * pass is the only view that carries `readyAfterMs`; every later one is a liveness try's.
 */
export function probeText(probe: ProbeView, now: number): string {
  if (probe.readyAfterMs !== undefined) return `ready: ${probe.probe} · passed after ${spokenDelay(Math.round(probe.readyAfterMs))}`;
  return `health: ${probe.probe} · ${probe.detail} · ${formatDuration(now - probe.at)} ago`;
}

/**
 * An uptime to the minute: `<1m`, `3m`, `2h 5m`. The row then changes once a minute, not each
 * second, so a tooltip on it stays up (the tooltip itself gives the time to the second).
 */
export function formatUptime(ms: number): string {
  return ms < 60_000 ? '<1m' : formatDuration(ms);
}

/** Coarse, human durations: `9s`, `3m`, `2h 5m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** True while the description changes by itself (an uptime or a countdown). */
export function isTicking(status: ProcessStatus): boolean {
  return status === 'running' || status === 'backoff';
}
