import * as vscode from 'vscode';
import { spokenDelay } from '../core/process/messages';
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

/**
 * `running · pid 4711 · 3m · ↻2`, `running · pid 4711 · 5m · health failing`, `backoff · restart in 9s`,
 * `exited · code 1`, `waiting for db (starting)`.
 */
export function stateDescription(state: ProcessState, now: number): string {
  const parts: string[] = [state.status];
  switch (state.status) {
    case 'waiting':
      // The engine's message names what it waits for, and already begins with the status.
      parts[0] = state.message;
      break;
    case 'running':
    case 'starting':
    case 'stopping': {
      if (state.pid !== undefined) parts.push(`pid ${state.pid}`);
      if (state.status === 'running' && state.startedAt !== undefined) parts.push(formatDuration(now - state.startedAt));
      const concern = runningConcern(state);
      if (concern !== undefined) parts.push(concern);
      break;
    }
    case 'backoff':
      if (state.nextRestartAt !== undefined) parts.push(`restart in ${formatDuration(state.nextRestartAt - now)}`);
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
  if (state.restarts > 0) parts.push(`↻${state.restarts}`);
  return parts.join(' · ');
}

/** `code 1` or `signal SIGTERM`. */
export function exitText(exit: ExitInfo): string {
  return exit.code !== null ? `code ${exit.code}` : `signal ${exit.signal ?? 'unknown'}`;
}

/**
 * The probe's last word for the tooltip: `ready: tcp 127.0.0.1:5432 · passed after 830 ms`, or a
 * liveness try `health: GET http://127.0.0.1:4000/health · GET /health → 503 · 4s ago`. The readiness
 * pass is the only view that carries `readyAfterMs`; every later one is a liveness try's.
 */
export function probeText(probe: ProbeView, now: number): string {
  if (probe.readyAfterMs !== undefined) return `ready: ${probe.probe} · passed after ${spokenDelay(Math.round(probe.readyAfterMs))}`;
  return `health: ${probe.probe} · ${probe.detail} · ${formatDuration(now - probe.at)} ago`;
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
