import type { OutputOptions } from '../config/types';
import { holdsAnsi, removeAnsiFromLines } from './ansi';
import type { OutputBlock, OutputLine } from './outputTypes';

// What each output option means, decided here once for every sink: log files, Output channels,
// `procs up`. A sink says only what it is.

/** A colour terminal renders escapes; every other sink holds text. */
export type SinkKind = 'text' | 'colorTerminal';

/** The options that decide how a line looks. */
export type LineOptions = Pick<OutputOptions, 'stripAnsi' | 'timestamps'>;

/**
 * `stripAnsi` (default true) removes colour and cursor codes from text sinks: log files, Output
 * channels and `procs up` into a pipe or file. A colour terminal always gets them, since it shows colours.
 */
export function keepsAnsi(output: LineOptions, sink: SinkKind): boolean {
  return sink === 'colorTerminal' || !output.stripAnsi;
}

/** `timestamps`: each line starts with the time it was read, in one format everywhere. */
export function timestamp(time: number): string {
  return new Date(time).toISOString();
}

/** A line as a sink shows it, without its line break. */
export function formatLine(line: OutputLine, output: LineOptions, sink: SinkKind): string {
  const text = keepsAnsi(output, sink) ? line.text : removeAnsiFromLines(line.text);
  return output.timestamps ? `${timestamp(line.time)} ${text}` : text;
}

/**
 * A block of lines as a sink shows it, each line still ended by "\n". The lines of a block were
 * read together and share its time, so this is a few native string calls, not work per line.
 * ANSI is stripped from the whole block at once, unless it holds a string escape (a title), which
 * could run on past a line break: then line by line.
 */
export function formatBlock(block: OutputBlock, output: LineOptions, sink: SinkKind): string {
  const text = keepsAnsi(output, sink) ? block.text : removeAnsiFromLines(block.text);
  if (!output.timestamps) return text;
  const stamp = `${timestamp(block.time)} `;
  return stamp + text.slice(0, -1).replaceAll('\n', `\n${stamp}`) + '\n';
}

/**
 * A block's bytes, when the sink shows them as read (no timestamps, and ANSI kept or none to
 * strip); undefined when its text must be formatted, or it holds text alone.
 */
function unchangedBytes(block: OutputBlock, output: LineOptions, sink: SinkKind): Buffer | undefined {
  const { bytes } = block;
  if (!bytes || output.timestamps) return undefined;
  return keepsAnsi(output, sink) || !holdsAnsi(bytes) ? bytes : undefined;
}

/**
 * Blocks as a sink shows them: the UTF-8 they were read as, where every block is shown as read (so
 * a flood costs no decoding and encoding again), or else one string.
 */
export function shownBlocks(blocks: readonly OutputBlock[], output: LineOptions, sink: SinkKind): string | Buffer[] {
  const asRead = blocks.map((block) => unchangedBytes(block, output, sink));
  return asRead.every((bytes): bytes is Buffer => bytes !== undefined) ? asRead : formatBlocks(blocks, output, sink);
}

/** Blocks as a sink shows them, as one string (one block, the common case, without a join). */
export function formatBlocks(blocks: readonly OutputBlock[], output: LineOptions, sink: SinkKind): string {
  return blocks.length === 1 ? formatBlock(blocks[0], output, sink) : blocks.map((block) => formatBlock(block, output, sink)).join('');
}
