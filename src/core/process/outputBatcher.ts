import type { Disposable } from '../events';
import type { OutputBatch, OutputLine } from './outputTypes';

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

  constructor(
    private readonly name: string,
    private readonly deliver: (batch: OutputBatch) => void,
    private readonly maxLines = MAX_BATCH_LINES,
  ) {}

  add(line: OutputLine): void {
    this.pending.push(line);
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
