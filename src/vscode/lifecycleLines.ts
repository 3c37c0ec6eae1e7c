import type { ProcessStateChange } from '../core/process/states';
import { exitText } from './stateLook';

/** A lifecycle line for the output channel: `── started · pid 4711 ──`. */
export function lifecycleLine(text: string): string {
  return `── ${text} ──`;
}

/** The lifecycle line a state change deserves, if any. */
export function lifecycleText({ previous, current }: ProcessStateChange, now: number): string | undefined {
  if (previous.status === current.status) return undefined;
  const exit = current.lastExit ? `exited with ${exitText(current.lastExit)}` : 'exited';
  switch (current.status) {
    case 'running':
      return current.pid !== undefined ? `started · pid ${current.pid}` : 'started';
    case 'backoff':
      return current.nextRestartAt !== undefined ? `${exit} · restarting in ${Math.max(0, current.nextRestartAt - now)} ms` : exit;
    case 'exited':
      return exit;
    case 'failed':
      return current.message;
    case 'stopped':
      return current.message || 'stopped';
    case 'disabled':
      return 'disabled';
    case 'starting':
      // The engine words a requested restart as `restarting: <reason>`; a plain start says nothing yet.
      if (current.message.startsWith('restarting')) return current.message;
      return previous.status === 'stopping' ? 'restarting' : undefined;
    case 'stopping':
      return undefined;
  }
}
