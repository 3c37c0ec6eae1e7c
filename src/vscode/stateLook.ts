import * as vscode from 'vscode';
import { assertNever, type ExitInfo, type ProcessState, type ProcessStatus } from '../core/process/states';

/** The codicon and colour that stand for a status, in the tree and the status bar. */
export function stateIcon(status: ProcessStatus): vscode.ThemeIcon {
  const [id, color] = iconParts(status);
  return new vscode.ThemeIcon(id, color === undefined ? undefined : new vscode.ThemeColor(color));
}

/** The codicon id alone, for `$(id)` in labels and status bar text. */
export function stateCodicon(status: ProcessStatus): string {
  return iconParts(status)[0];
}

function iconParts(status: ProcessStatus): [string, string | undefined] {
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

/** `running · pid 4711 · 3m · ↻2`, `backoff · restart in 9s`, `exited · code 1`, `waiting for db (starting)`. */
export function stateDescription(state: ProcessState, now: number): string {
  const parts: string[] = [state.status];
  switch (state.status) {
    case 'waiting':
      // The engine's message names what it waits for, and already begins with the status.
      parts[0] = state.message;
      break;
    case 'running':
    case 'starting':
    case 'stopping':
      if (state.pid !== undefined) parts.push(`pid ${state.pid}`);
      if (state.status === 'running' && state.startedAt !== undefined) parts.push(formatDuration(now - state.startedAt));
      break;
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
