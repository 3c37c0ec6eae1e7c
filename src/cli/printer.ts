import type { ProcessSpec } from '../core/config/types';
import { lifecycleLine } from '../core/process/lifecycleText';
import { shownBlocks, type LineOptions } from '../core/process/outputFormat';
import type { OutputBatch } from '../core/process/outputTypes';
import { LineFramer } from './lineFramer';

// Bright, distinguishable foreground colours; red is kept for problems.
const PALETTE = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export interface PrinterOptions {
  /** Output comes as UTF-8 bytes, supervisor lines as text; `written`, if ever called, says the stream is done with the bytes. */
  write: (text: string | Buffer, written?: () => void) => void;
  /** True when stdout is a terminal: prefixes are coloured and the children's own ANSI is kept. */
  color: boolean;
}

/** Formats process output and lifecycle lines for a terminal or a log, one write per batch. */
export class Printer {
  private width = 0;
  private readonly colors = new Map<string, number>();
  private readonly framer = new LineFramer();

  constructor(private readonly options: PrinterOptions) {}

  /** Names to align on; each keeps the colour it was first given. */
  setNames(names: readonly string[]): void {
    this.width = Math.max(0, ...names.map((name) => name.length));
    for (const name of names) {
      if (!this.colors.has(name)) this.colors.set(name, PALETTE[this.colors.size % PALETTE.length]);
    }
  }

  output(batch: OutputBatch, spec: ProcessSpec | undefined): void {
    const prefix = this.prefix(batch.name);
    const output: LineOptions = spec?.output ?? { stripAnsi: !this.options.color, timestamps: false };
    const lines = shownBlocks(batch.blocks, output, this.options.color ? 'colorTerminal' : 'text');
    const lineCount = batch.blocks.reduce((sum, block) => sum + block.lineCount, 0);
    const framed = this.framer.frame(lines, lineCount, prefix, this.options.color ? RESET : '');
    this.options.write(framed, () => this.framer.release(framed));
  }

  /** A supervisor line about a process: started, exited, restarting. */
  lifecycle(name: string, message: string): void {
    const body = this.options.color ? `${DIM}${lifecycleLine(message)}${RESET}` : lifecycleLine(message);
    this.options.write(`${this.prefix(name)}${body}\n`);
  }

  /** A line from procs itself, not about one process. */
  note(message: string): void {
    this.options.write(`${this.prefix('procs')}${message}\n`);
  }

  private prefix(name: string): string {
    const padded = `${name.padEnd(this.width)} | `;
    const color = this.colors.get(name);
    if (!this.options.color || color === undefined) return padded;
    return `\x1b[${color}m${padded}${RESET}`;
  }
}
