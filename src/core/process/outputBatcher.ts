import type { Disposable } from '../events';
import { ReadBlock, type OutputBlock, type OutputStream } from './outputTypes';

/** A batch is handed on early once it holds this many lines, to bound memory and latency. */
export const MAX_BATCH_LINES = 2000;
/**
 * Or this many characters (bytes, while undecoded): sinks make a few copies of a batch's text, and
 * copies of long-line batches (a 64 KiB piece is one line) would be megabytes each, in V8's
 * large-object space, where a small heap runs out (`procs up` under a 32 MB heap died now and then
 * passing 50 MB without a newline).
 */
export const MAX_BATCH_CHARS = 128 * 1024;

/**
 * Collects the blocks of lines of one process and hands them on in batches.
 * Everything read in one turn of the event loop goes out together on `setImmediate`,
 * so a flooding child costs one sink call per chunk group, not one per line.
 */
export class OutputBatcher implements Disposable {
  private pending: OutputBlock[] = [];
  private pendingLines = 0;
  private pendingChars = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private batchTime = 0;

  constructor(
    private readonly deliver: (blocks: OutputBlock[]) => void,
    private readonly now: () => number,
    private readonly maxLines = MAX_BATCH_LINES,
  ) {}

  /**
   * Adds whole lines (`bytes` in UTF-8, each ended by "\n") as a block, and returns it. Lines of one
   * batch were read in the same turn of the event loop, so they share one timestamp.
   */
  add(stream: OutputStream, bytes: Buffer, lineCount: number): OutputBlock {
    if (this.pending.length === 0) this.batchTime = this.now();
    const block = new ReadBlock(stream, bytes, lineCount, this.batchTime);
    this.pending.push(block);
    this.pendingLines += lineCount;
    this.pendingChars += bytes.length;
    if (this.pendingLines >= this.maxLines || this.pendingChars >= MAX_BATCH_CHARS) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
    return block;
  }

  /** Hands on whatever is pending now, synchronously. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    this.pendingLines = 0;
    this.pendingChars = 0;
    this.deliver(blocks);
  }

  dispose(): void {
    this.flush();
  }
}
