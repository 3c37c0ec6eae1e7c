import type { Disposable } from '../events';
import type { OutputBatch, OutputLine, OutputStream } from './outputTypes';

/** A batch is handed on early once it holds this many lines, to bound memory and latency. */
export const MAX_BATCH_LINES = 2000;

/**
 * Collects the lines of one process and hands them on in batches.
 * Everything read in one turn of the event loop goes out together on `setImmediate`,
 * so a flooding child costs one sink call per chunk group, not one per line.
 */
export class OutputBatcher implements Disposable {
  private pending: OutputLine[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private batchTime = 0;

  constructor(
    private readonly name: string,
    private readonly deliver: (batch: OutputBatch) => void,
    private readonly now: () => number,
    private readonly maxLines = MAX_BATCH_LINES,
  ) {}

  /**
   * Adds a completed line. Lines of one batch were read in the same turn of the event loop,
   * so they share one timestamp: reading the clock per line is a measurable cost in a flood.
   */
  add(stream: OutputStream, text: string): void {
    if (this.pending.length === 0) this.batchTime = this.now();
    this.pending.push({ stream, text, time: this.batchTime });
    if (this.pending.length >= this.maxLines) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Hands on whatever is pending now, synchronously. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.deliver({ name: this.name, lines });
  }

  dispose(): void {
    this.flush();
  }
}
