import type { Clock, TimerHandle } from '../../../src/core/clock';

/** Virtual time: timers fire only when a test calls `advance`, in due order. */
export class FakeClock implements Clock {
  private time = 1_000_000;
  private timers: Array<{ due: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = { due: this.time + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      this.time = due.due;
      due.cancelled = true;
      due.callback();
    }
    this.time = target;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
}
