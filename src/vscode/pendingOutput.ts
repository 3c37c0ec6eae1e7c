import { splitLines, type OutputBlock, type OutputLine } from '../core/process/outputTypes';

/** A process line, or a line of ours (`── started · pid 4711 ──`), already as shown. */
export type Item = OutputLine | string;

/**
 * What gathers for an Output channel between two writes, as the blocks it came in: only the newest
 * `keepLines` lines (and about `keepChars`) can be shown, so older blocks are dropped whole and a
 * flood costs a few operations a block, not an object a line. Lines are taken apart at the write.
 */
export class PendingOutput {
  private items: Array<OutputBlock | string> = [];
  /** The first item still held: dropping moves it, so a flood never shifts the array. */
  private head = 0;
  private lines = 0;
  private chars = 0;

  constructor(
    private readonly keepLines: number,
    private readonly keepChars: number,
  ) {}

  add(item: OutputBlock | string): void {
    this.items.push(item);
    this.lines += linesIn(item);
    this.chars += charsIn(item);
    for (;;) {
      const first = this.items[this.head];
      if (this.items.length - this.head === 1) break;
      if (this.lines - linesIn(first) < this.keepLines && this.chars - charsIn(first) < this.keepChars) break;
      this.items[this.head++] = '';
      this.lines -= linesIn(first);
      this.chars -= charsIn(first);
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
  }

  /** The lines held, oldest first, leaving nothing held. */
  take(): Item[] {
    const out: Item[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i];
      if (typeof item === 'string') out.push(item);
      else for (const text of splitLines(item.text)) out.push({ stream: item.stream, text, time: item.time });
    }
    this.items = [];
    this.head = 0;
    this.lines = 0;
    this.chars = 0;
    return out;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}

/** The lines an item holds: a block's count, or one line of ours. */
export function linesIn(item: OutputBlock | string): number {
  return typeof item === 'string' ? 1 : item.lineCount;
}

/** The characters of an item's lines, their line breaks left out. */
export function charsIn(item: OutputBlock | string): number {
  return typeof item === 'string' ? item.length : item.text.length - item.lineCount;
}
