import type { Clock } from '../clock';
import type { ProcessSpec } from '../config/types';
import { Emitter, type Disposable, type Event } from '../events';
import { openInstanceLog, type LogFile } from './logFile';
import { OutputBatcher } from './outputBatcher';
import { OutputGate } from './outputGate';
import { blockSize, linesOf, oneLine, type OutputBatch, type OutputBlock, type OutputLine, type OutputStream } from './outputTypes';
import { RecentLines } from './recentLines';

/** What each process keeps of its latest output, for a terminal opened later: lines and, for long ones, characters. */
export const RECENT_OUTPUT = { lines: 10_000, chars: 2 * 1024 * 1024 };
/**
 * The ring of recent output holds blocks, weighed by their characters but at least a line's share
 * of the budget per line: so it holds about RECENT_OUTPUT.lines short lines, or fewer long ones
 * within RECENT_OUTPUT.chars, and a flood of short lines does not keep megabytes alive.
 */
const LINE_SHARE = RECENT_OUTPUT.chars / RECENT_OUTPUT.lines;
/** A block in the ring, less the oldest lines the bound has taken from it (only the oldest block loses any). */
interface HeldBlock {
  block: OutputBlock;
  skipped: number;
}
const heldLines = (held: HeldBlock): number => held.block.lineCount - held.skipped;
// Its whole text stays in memory until the block goes, so every character (or byte) counts.
const heldWeight = (held: HeldBlock): number => Math.max(blockSize(held.block), heldLines(held) * LINE_SHARE);

/**
 * The oldest block with as many fewer lines as weigh `overBy`: counted, not cut, so a flood pays
 * nothing per line for the bound. Undefined when that is every line. One whose characters weigh more
 * than its lines is no lighter, so the ring drops it whole (a block is one pipe read: a small share).
 */
function withoutOldestLines(held: HeldBlock, overBy: number): HeldBlock | undefined {
  const skipped = held.skipped + Math.ceil(overBy / LINE_SHARE);
  return skipped < held.block.lineCount ? { block: held.block, skipped } : undefined;
}

/**
 * One process's output across its runs: lines in, batches out to the log file and to listeners,
 * and whether the pipes may be read (every sink keeps up) or must wait.
 */
export class ProcessOutput {
  private readonly emitter = new Emitter<OutputBatch>();
  /** Raw lines (ANSI kept), stdout and stderr together, batched. */
  readonly onOutput: Event<OutputBatch> = this.emitter.event;
  private readonly batcher: OutputBatcher;
  private readonly logFile: LogFile | undefined;
  /** Held while the log file's writes fall behind. */
  private readonly logGate = new OutputGate();
  private readonly subscriptions: Disposable[];
  private readonly recent = new RecentLines<HeldBlock>(RECENT_OUTPUT.lines, RECENT_OUTPUT.chars, heldWeight, withoutOldestLines);
  private seen = 0;

  constructor(
    private readonly name: string,
    spec: ProcessSpec,
    instance: { index: number; count: number },
    private readonly clock: Clock,
    private readonly sharedGate: OutputGate,
    onFlowChange: () => void,
  ) {
    this.logFile = openInstanceLog(spec.output, instance, this.logGate, (message) => this.note('stderr', `[procs] ${message}`));
    this.batcher = new OutputBatcher(
      (blocks) => {
        this.logFile?.write(blocks);
        this.fire(blocks);
      },
      () => clock.now(),
    );
    this.subscriptions = [sharedGate.onDidChange(onFlowChange), this.logGate.onDidChange(onFlowChange)];
  }

  /** The file every line goes to, if the spec has one. */
  get logPath(): string | undefined {
    return this.logFile?.file;
  }

  /** True while every sink keeps up and the pipes may be read. */
  get flowing(): boolean {
    return this.sharedGate.open && this.logGate.open;
  }

  /** Whole lines read from the process, `bytes` holding `lineCount` of them in UTF-8, each ended by "\n". */
  block(stream: OutputStream, bytes: Buffer, lineCount: number): OutputBlock {
    return this.batcher.add(stream, bytes, lineCount);
  }

  /** Hands on the lines read so far at once, so a state change that one of them caused comes after it. */
  deliver(): void {
    this.batcher.flush();
  }

  /** A line of our own about this process (a log file that cannot be written, a build step), in order with its output. */
  note(stream: OutputStream, text: string): void {
    this.batcher.flush();
    this.fire([oneLine(stream, text, this.clock.now())]);
  }

  /** The latest `count` lines (RECENT_OUTPUT.lines at most), oldest first, across runs. */
  recentLines(count = RECENT_OUTPUT.lines): OutputLine[] {
    const wanted = Math.min(count, RECENT_OUTPUT.lines);
    if (wanted <= 0) return [];
    // Split only the newest blocks that hold the lines asked for.
    const held = this.recent.last();
    let first = held.length;
    for (let lines = 0; first > 0 && lines < wanted; ) lines += heldLines(held[--first]);
    return held.slice(first).flatMap(({ block, skipped }) => linesOf([block]).slice(skipped)).slice(-wanted);
  }

  /** Lines delivered since the process was made: a run's own are those after the count at its start. */
  get linesSeen(): number {
    return this.seen;
  }

  /** Everything handed in so far is delivered, and on disk. */
  async flush(): Promise<void> {
    this.batcher.flush();
    await this.logFile?.flush();
  }

  private fire(blocks: OutputBlock[]): void {
    for (const block of blocks) {
      this.recent.push({ block, skipped: 0 });
      this.seen += block.lineCount;
    }
    this.emitter.fire({ name: this.name, blocks });
  }

  /** Delivers what is pending, closes the log file, and lets go of every listener. */
  async close(): Promise<void> {
    this.batcher.dispose();
    await this.logFile?.close();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.logGate.dispose();
    this.emitter.dispose();
  }
}
