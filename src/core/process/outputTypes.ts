export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  /** One whole line without its terminator. */
  text: string;
  /** Epoch ms when the line was completed. */
  time: number;
}

/**
 * Whole lines of one stream read together, kept as one string: a flood then costs a few
 * strings per pipe read, not an object and a string per line (that garbage was most of its CPU).
 */
export interface OutputBlock {
  stream: OutputStream;
  /** One or more whole lines, each ended by "\n" (a CR or CRLF ending reads as "\n"); ANSI kept. */
  text: string;
  /** How many lines `text` holds. */
  lineCount: number;
  /** Epoch ms when the lines were read. */
  time: number;
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
