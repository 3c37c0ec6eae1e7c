import type { ProcessStateChange } from '../core/process/states';

/** The lifecycle line a state change deserves in a log, or undefined for transitions too small to mention. */
export function lifecycleText({ previous, current }: ProcessStateChange): string | undefined {
  switch (current.status) {
    case 'running':
      return `started · pid ${current.pid}`;
    case 'backoff':
    case 'exited':
    case 'failed':
      return current.message;
    case 'stopped':
      // Only a stop of a live process is news; clearing an exited one is not.
      return previous.status === 'stopping' ? 'stopped' : undefined;
    case 'disabled':
      return 'disabled';
    case 'starting':
    case 'stopping':
      return undefined;
  }
}
