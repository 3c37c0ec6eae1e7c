import type { Clock, TimerHandle } from '../clock';
import type { Disposable, Event } from '../events';
import type { OutputGate } from './outputGate';
import { blockSize, type OutputBatch } from './outputTypes';

export interface FloodThrottleOptions {
  /** Output characters a second, all processes of a supervisor together, above which reading pauses. */
  charsPerSecond: number;
  /** Output is counted over windows this long. */
  windowMs: number;
  /** The longest one pause, so quieter processes' lines are never held back for long. */
  maxPauseMs: number;
}

/**
 * 10 million characters a second is over 100,000 lines a second: more than anyone reads, and
 * about what two cores carry beside a child printing without pause while the window stays responsive.
 */
export const EDITOR_FLOOD_THROTTLE: FloodThrottleOptions = { charsPerSecond: 10_000_000, windowMs: 100, maxPauseMs: 300 };

/**
 * Keeps a flood from taking the machine: output is counted while it comes, and when a window read
 * more than the rate allows, every pipe stops being read for as long as brings the rate back down.
 * A child that prints without pause then blocks on its own write, as on a slow terminal, and leaves
 * the cores to the window; no line is lost, the log file still gets every one. No timer runs while
 * no output comes.
 */
export class FloodThrottle implements Disposable {
  private chars = 0;
  /** Output came since the last pause: a window of debt alone (the flood ended) pauses nothing. */
  private fresh = false;
  private timer: TimerHandle | undefined;
  private held: Disposable | undefined;
  private readonly subscription: Disposable;

  constructor(
    private readonly gate: OutputGate,
    onOutput: Event<OutputBatch>,
    private readonly clock: Clock,
    private readonly options = EDITOR_FLOOD_THROTTLE,
  ) {
    this.subscription = onOutput(({ blocks }) => {
      for (const block of blocks) this.chars += blockSize(block);
      this.fresh = true;
      // The first output after a quiet spell (or a pause) opens a window.
      this.timer ??= this.clock.setTimeout(() => this.endWindow(), this.options.windowMs);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.timer?.cancel();
    this.timer = undefined;
    this.open();
  }

  private endWindow(): void {
    const { charsPerSecond, windowMs, maxPauseMs } = this.options;
    this.timer = undefined;
    // Read `chars` in the window: a pause this long makes window and pause together keep the rate.
    const pauseMs = Math.min(maxPauseMs, Math.ceil((this.chars * 1000) / charsPerSecond - windowMs));
    if (pauseMs <= 0 || !this.fresh) {
      this.chars = 0;
      return;
    }
    // What a capped pause did not make up for is owed by the next window.
    this.chars = Math.max(0, this.chars - (charsPerSecond * (windowMs + pauseMs)) / 1000);
    this.fresh = false;
    this.held = this.gate.hold();
    this.timer = this.clock.setTimeout(() => {
      this.open();
      this.timer = this.chars > 0 ? this.clock.setTimeout(() => this.endWindow(), windowMs) : undefined;
    }, pauseMs);
  }

  private open(): void {
    this.held?.dispose();
    this.held = undefined;
  }
}
