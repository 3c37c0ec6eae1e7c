import type { OutputOptions } from '../config/types';
import { removeAnsi } from './ansi';
import type { OutputLine } from './outputTypes';

// What each output option means, decided here once for every sink: log files, Output channels,
// `procs up`. A sink says only what it is.

/** A colour terminal renders escapes; every other sink holds text. */
export type SinkKind = 'text' | 'colorTerminal';

/**
 * `stripAnsi` (default true) removes colour and cursor codes from text sinks: log files, Output
 * channels and `procs up` into a pipe or file. A colour terminal always gets them, since it shows colours.
 */
export function keepsAnsi(output: OutputOptions, sink: SinkKind): boolean {
  return sink === 'colorTerminal' || !output.stripAnsi;
}

/** `timestamps`: each line starts with the time it was read, in one format everywhere. */
export function timestamp(time: number): string {
  return new Date(time).toISOString();
}

/** A line as a sink shows it, without its line break. */
export function formatLine(line: OutputLine, output: OutputOptions, sink: SinkKind): string {
  const text = keepsAnsi(output, sink) ? line.text : removeAnsi(line.text);
  return output.timestamps ? `${timestamp(line.time)} ${text}` : text;
}
