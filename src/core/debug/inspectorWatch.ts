import type { Clock, TimerHandle } from '../clock';
import { endedWithoutInspectorMessage, findInspector, INSPECTOR_LINE_TIMEOUT_MS, noInspectorMessage, type Inspector } from './inspector';

/**
 * Reads a debugged run's output for the inspectors it opens (a wrapper such as `npm run` opens one
 * of its own before the program's), and says so if none is announced in time: a command that is not
 * Node never will, and the face should hear that rather than wait.
 */
export class InspectorWatch {
  readonly inspectors: Inspector[] = [];
  /** Set when no inspector was announced in time, or the run ended without one. */
  missing: string | undefined;
  private timer: TimerHandle | undefined;

  constructor(
    clock: Clock,
    private readonly changed: () => void,
    timeoutMs = INSPECTOR_LINE_TIMEOUT_MS,
  ) {
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.missing = noInspectorMessage(timeoutMs);
      this.changed();
    }, timeoutMs);
  }

  /** True until no inspector was announced in time: a wrapper's inspector may be followed by the program's. */
  get readsLines(): boolean {
    return this.missing === undefined;
  }

  line(text: string): void {
    if (this.missing !== undefined || !text.includes('Debugger listening')) return;
    const inspector = findInspector(text);
    if (!inspector) return;
    this.dispose();
    this.inspectors.push(inspector);
    this.changed();
  }

  /**
   * The run ended by itself. Node prints the line before it runs any of the program, so a run that
   * ends without one is not Node: waiting out the timeout would say nothing, the next run being new.
   * No news of its own: the state that records the end carries it (`DebugMode.view`).
   */
  ended(): void {
    this.dispose();
    if (this.inspectors.length === 0 && this.missing === undefined) this.missing = endedWithoutInspectorMessage();
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
