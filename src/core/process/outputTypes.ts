export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  /** One whole line without its terminator. */
  text: string;
  /** Epoch ms when the line was completed. */
  time: number;
}

/**
 * Whole lines of one stream read together, kept as one piece: a flood then costs a few objects
 * per pipe read, not an object and a string per line (that garbage was most of its CPU).
 */
export interface OutputBlock {
  readonly stream: OutputStream;
  /** One or more whole lines, each ended by "\n" (a CR or CRLF ending reads as "\n"); ANSI kept. */
  readonly text: string;
  /**
   * The same lines in UTF-8 as read from the pipe, while nothing has asked for `text`: a sink that
   * passes bytes on (`procs up` into a pipe) then costs no decoding and encoding again.
   */
  readonly bytes?: Buffer;
  /** How many lines `text` holds. */
  readonly lineCount: number;
  /** Epoch ms when the lines were read. */
  readonly time: number;
}

/**
 * A block of lines as read from a pipe. Its text is decoded when first asked for, and from then on
 * it holds the text alone. UTF-8 never splits a character at a line end, so each block decodes on its own.
 */
export class ReadBlock implements OutputBlock {
  private decoded: string | undefined;
  private undecoded: Buffer | undefined;

  constructor(
    readonly stream: OutputStream,
    bytes: Buffer,
    readonly lineCount: number,
    readonly time: number,
  ) {
    this.undecoded = bytes;
  }

  get text(): string {
    if (this.decoded === undefined) {
      this.decoded = this.undecoded?.toString('utf8') ?? '';
      this.undecoded = undefined;
    }
    return this.decoded;
  }

  get bytes(): Buffer | undefined {
    return this.undecoded;
  }
}

/** A block's size in characters, or in bytes while it is undecoded (about as many): what bounds on output count. */
export function blockSize(block: OutputBlock): number {
  return block.bytes?.length ?? block.text.length;
}

/** Lines of one process, handed over together: sinks get batches, never one call per line. */
export interface OutputBatch {
  /** Instance name, e.g. `api` or `api#2`. */
  name: string;
  blocks: OutputBlock[];
}

/** The lines of a block's text, without their line breaks. */
export function splitLines(text: string): string[] {
  return text.slice(0, -1).split('\n');
}

/** The lines of blocks one by one, for readers that need them apart (Output channels, terminals, tests). */
export function linesOf(blocks: readonly OutputBlock[]): OutputLine[] {
  const lines: OutputLine[] = [];
  for (const { stream, text, time } of blocks) {
    for (const line of splitLines(text)) lines.push({ stream, text: line, time });
  }
  return lines;
}

/** A block of one line of our own, or of several when the text holds line breaks (a multi-line `before` command). */
export function oneLine(stream: OutputStream, text: string, time: number): OutputBlock {
  return { stream, text: `${text}\n`, lineCount: text.split('\n').length, time };
}
