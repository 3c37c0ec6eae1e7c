import type { Clock, TimerHandle } from '../core/clock';
import { lifecycleLine } from '../core/process/lifecycleText';
import type { OutputBlock, OutputLine } from '../core/process/outputTypes';
import { RecentLines } from '../core/process/recentLines';
import { charsIn, linesIn, PendingOutput, type Item } from './pendingOutput';

/**
 * What an Output channel is given, whatever a process prints. A channel keeps all it was ever
 * given and the workbench renders it in the window's own thread, so a flood written line for line
 * froze the window and held hundreds of MB; past these bounds the channel shows the newest lines.
 */
export const CHANNEL_WINDOW = {
  /** Lines are written at most this often (a flood costs 4 channel writes a second). */
  intervalMs: 250,
  /** The channel holds at most this much; past it, it is rewritten with the newest lines. */
  maxLines: 10_000,
  maxChars: 4 * 1024 * 1024,
  /** What one write may take, and what a rewrite keeps: older lines are counted, not shown. */
  keepLines: 2_000,
  keepChars: 1024 * 1024,
  /**
   * A flood's rewrite is done once more this long after the last one. VS Code reads a channel's file from
   * the offset a rewrite names; when its writer lags (a flood), the reader finds the file short and
   * reloads all of it, every earlier window included. The second rewrite finds the file written.
   */
  settleMs: 1_000,
};

/** The two calls of a channel this needs (a vscode.OutputChannel has both). */
export interface ChannelSink {
  append(text: string): void;
  replace(text: string): void;
}

export interface ChannelWindowOptions {
  /** A process line as the channel shows it (timestamps, ANSI as configured). */
  format(line: OutputLine): string;
  /** Where every line is kept (the log file, as the user knows it), or undefined when nowhere. */
  keptIn(): string | undefined;
  clock: Clock;
}

/**
 * The bounded window of recent lines behind one Output channel: lines gather between writes; a
 * write appends them if the channel stays within bounds, else the channel is replaced by the
 * newest lines under a line that says how many it no longer shows and where they are.
 */
export class ChannelWindow {
  /** The newest lines taken apart (the written ones, and those about to be), for a rewrite. */
  private readonly recent = new RecentLines<Item>(CHANNEL_WINDOW.keepLines, CHANNEL_WINDOW.keepChars, sizeOf);
  private readonly pending = new PendingOutput(CHANNEL_WINDOW.keepLines, CHANNEL_WINDOW.keepChars);
  /** Lines given since the last write; more than `recent` holds when some fell off unseen. */
  private unwritten = 0;
  private unwrittenChars = 0;
  /** What the channel holds now. */
  private lines = 0;
  private chars = 0;
  /** Process lines ever given, and those the channel holds now: the difference is not shown. */
  private outputLines = 0;
  private outputShown = 0;
  private timer: TimerHandle | undefined;
  private settleTimer: TimerHandle | undefined;

  constructor(
    private readonly sink: ChannelSink,
    private readonly options: ChannelWindowOptions,
  ) {}

  /** Process lines not shown in the channel any more (or never). */
  get notShown(): number {
    return this.outputLines - this.outputShown;
  }

  /** Lines the channel holds now, the line about the others included. */
  get shownLines(): number {
    return this.lines;
  }

  addOutput(blocks: readonly OutputBlock[]): void {
    for (const block of blocks) {
      this.add(block);
      this.outputLines += block.lineCount;
    }
  }

  /** A line of ours about the process, in order with its output. */
  addOwn(text: string): void {
    this.add(lifecycleLine(text));
  }

  /** Writes what gathered, now. */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.unwritten === 0) return;
    for (const item of this.pending.take()) this.recent.push(item);
    const fits =
      this.unwritten <= this.recent.length &&
      this.lines + this.unwritten <= CHANNEL_WINDOW.maxLines &&
      this.chars + this.unwrittenChars <= CHANNEL_WINDOW.maxChars;
    if (fits) {
      this.append(this.recent.last(this.unwritten));
      this.unwritten = 0;
      this.unwrittenChars = 0;
      return;
    }
    // Lines fell off unseen: output comes faster than it is written, and VS Code's writer may lag.
    const flood = this.unwritten > this.recent.length;
    this.rewrite();
    if (!flood) return;
    this.settleTimer?.cancel();
    this.settleTimer = this.options.clock.setTimeout(() => this.settle(), CHANNEL_WINDOW.settleMs);
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.settleTimer?.cancel();
    this.settleTimer = undefined;
  }

  /** The second rewrite (see CHANNEL_WINDOW.settleMs); it writes what gathered since, too. */
  private settle(): void {
    this.settleTimer = undefined;
    this.timer?.cancel();
    this.timer = undefined;
    for (const item of this.pending.take()) this.recent.push(item);
    this.rewrite();
  }

  /** Replaces the channel with the newest lines, those not written yet included. */
  private rewrite(): void {
    this.replace(this.recent.last());
    this.unwritten = 0;
    this.unwrittenChars = 0;
  }

  private add(item: OutputBlock | string): void {
    this.pending.add(item);
    this.unwritten += linesIn(item);
    this.unwrittenChars += charsIn(item);
    this.timer ??= this.options.clock.setTimeout(() => this.flush(), CHANNEL_WINDOW.intervalMs);
  }

  private append(items: Item[]): void {
    const text = this.render(items);
    this.sink.append(text);
    this.lines += items.length;
    this.chars += text.length;
    this.outputShown += countOutput(items);
  }

  private replace(items: Item[]): void {
    this.outputShown = countOutput(items);
    const notice = this.notShown > 0 ? `${lifecycleLine(notShownText(this.notShown, this.options.keptIn()))}\n` : '';
    const text = notice + this.render(items);
    this.sink.replace(text);
    this.lines = items.length + (notice ? 1 : 0);
    this.chars = text.length;
  }

  private render(items: Item[]): string {
    let text = '';
    for (const item of items) text += `${typeof item === 'string' ? item : this.options.format(item)}\n`;
    return text;
  }
}

/** `1,204,331 lines not shown here; all of them are in logs/api.log`. */
export function notShownText(count: number, keptIn: string | undefined): string {
  const lines = `${count.toLocaleString('en-US')} ${count === 1 ? 'line' : 'lines'} not shown here`;
  if (keptIn !== undefined) return `${lines}; all of them are in ${keptIn}`;
  return `${lines} and not kept (output.logFile keeps every line)`;
}

function sizeOf(item: Item): number {
  return typeof item === 'string' ? item.length : item.text.length;
}

function countOutput(items: readonly Item[]): number {
  let count = 0;
  for (const item of items) if (typeof item !== 'string') count++;
  return count;
}
