import type { Supervisor } from '../core/supervisor';
import type { Printer } from './printer';

/** Every way a terminal or a parent tells us to go: Ctrl-C, `kill`, and the terminal closing. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface Shutdown {
  /** True once a signal (or a closed stdout) asked us to stop. */
  readonly requested: boolean;
  /** Resolves with the exit code once every tree is gone. */
  readonly done: Promise<number>;
}

/**
 * Installed before anything starts, so a signal during start-up stops what has spawned and
 * starts nothing more. The first signal (or a closed stdout) stops every tree gracefully (exit 0);
 * a second asks the engine to kill them at once (exit 130). Either way we leave only once every
 * tree is gone: leaving first would orphan whatever was not reached yet.
 */
export function handleShutdown(supervisor: Supervisor, printer: Printer, outputClosed: Promise<void>): Shutdown {
  let requested = false;
  let killing = false;
  let resolveDone = (_code: number): void => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const onSignal = (): void => {
    if (killing) return;
    if (requested) {
      killing = true;
      printer.note('killing every process now');
      void supervisor.killAll();
      return;
    }
    requested = true;
    printer.note('stopping all processes (press Ctrl-C again to kill them at once)');
    void supervisor.dispose().then(() => resolveDone(killing ? 130 : 0));
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  void outputClosed.then(() => {
    if (!requested) onSignal();
  });
  return {
    get requested() {
      return requested;
    },
    done,
  };
}
