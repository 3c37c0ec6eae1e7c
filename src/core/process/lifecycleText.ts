import { spokenDelay } from './messages';
import type { ProcessStateChange } from './states';

/**
 * The lifecycle line a state change deserves in a process's output (`started · pid 4711`,
 * `exited with code 1 · restarting in 0.5 s`), or undefined for steps too small to mention.
 * Both faces print these, so they read the same in a terminal and in VS Code.
 */
export function lifecycleText({ previous, current }: ProcessStateChange): string | undefined {
  // A process with a readiness probe is spawned while still `starting`: that spawn is news.
  if (current.status === 'starting' && previous.status === 'starting' && current.pid !== undefined && previous.pid === undefined) {
    return `started · pid ${current.pid}`;
  }
  if (previous.status === current.status) return undefined;
  switch (current.status) {
    case 'running': {
      const ready = current.probe?.readyAfterMs;
      if (ready !== undefined && current.probe) return `ready · ${current.probe.probe} · ${spokenDelay(Math.round(ready))}`;
      return current.pid !== undefined ? `started · pid ${current.pid}` : 'started';
    }
    case 'backoff':
    case 'exited':
    case 'failed':
      // The engine's message already says why the run ended, spawn errors included.
      return current.message;
    case 'stopped':
      return current.message;
    case 'disabled':
      return 'disabled';
    case 'waiting':
      // `waiting for db (starting)`: who it waits for is the news.
      return current.message;
    case 'starting':
      // A requested restart carries its reason (`restarting: src/app.ts saved`); a plain start says nothing yet.
      if (current.message.startsWith('restarting')) return current.message;
      return previous.status === 'stopping' ? 'restarting' : undefined;
    case 'stopping':
      return undefined;
  }
}

/** How a lifecycle line stands out among a process's own output: `── started · pid 4711 ──`. */
export function lifecycleLine(text: string): string {
  return `── ${text} ──`;
}
