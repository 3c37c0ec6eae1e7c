export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: OutputStream;
  /** One whole line without its terminator; ANSI stripped if configured. */
  text: string;
  /** Epoch ms when the line was completed. */
  time: number;
}

/** Lines of one process, handed over together: sinks get batches, never one call per line. */
export interface OutputBatch {
  /** Instance name, e.g. `api` or `api#2`. */
  name: string;
  lines: OutputLine[];
}
