import * as fs from 'fs';
import * as path from 'path';
import type { OutputOptions, ProcessSpec } from '../config/types';
import type { Disposable } from '../events';
import type { OutputGate } from './outputGate';
import { shownBlocks } from './outputFormat';
import type { OutputBlock } from './outputTypes';

export interface LogFileOptions {
  /** Rotate before a write would take the file past this size. */
  maxBytes: number;
  /** Rotated files kept: `api.log.1` (newest) … `api.log.<keep>`. */
  keep: number;
  /** Timestamps and ANSI, as the process's output options say for a text sink. */
  output: OutputOptions;
  /** A disk problem is reported once (until a write succeeds again), never thrown: output keeps flowing to the other sinks. */
  onError?: (message: string) => void;
  /** Held while more than BACKLOG_HIGH bytes wait for the disk, so the child's pipes are not read. */
  gate?: OutputGate;
}

/** Characters (about bytes) waiting for the disk before the child is made to wait; reading resumes below the low mark. */
const BACKLOG_HIGH = 4 * 1024 * 1024;
const BACKLOG_LOW = 1024 * 1024;

/**
 * Appends batches of lines to a file, one write per batch, in order.
 * Writes are chained on one promise, so `flush()` resolving means every batch handed in
 * before it is on disk (or reported as failed).
 */
export class LogFile {
  private chain: Promise<void> = Promise.resolve();
  private size: number | undefined;
  private closed = false;
  private backlog = 0;
  private hold: Disposable | undefined;
  /** The last failure was reported: the same one is not repeated for every batch. */
  private failing = false;

  constructor(
    readonly file: string,
    private readonly options: LogFileOptions,
  ) {}

  write(blocks: readonly OutputBlock[]): void {
    if (this.closed || blocks.length === 0) return;
    const shown = shownBlocks(blocks, this.options.output, 'text');
    // A block's bytes are never changed, so one block's are written as they are, without a copy.
    const content = typeof shown === 'string' ? shown : shown.length === 1 ? shown[0] : Buffer.concat(shown);
    this.backlog += content.length;
    if (this.backlog > BACKLOG_HIGH) this.hold ??= this.options.gate?.hold();
    this.chain = this.chain
      .then(() => this.append(content))
      .then(
        () => {
          this.failing = false;
        },
        (error: unknown) => this.report(error),
      )
      .finally(() => this.written(content.length));
  }

  flush(): Promise<void> {
    return this.chain;
  }

  close(): Promise<void> {
    this.closed = true;
    return this.chain;
  }

  private written(length: number): void {
    this.backlog -= length;
    if (this.backlog > BACKLOG_LOW) return;
    this.hold?.dispose();
    this.hold = undefined;
  }

  private async append(content: string | Buffer): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (this.size === undefined) this.size = await this.open();
    // A single batch bigger than the limit is still written whole: no line is dropped.
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) {
      await this.rotate();
      this.size = 0;
    }
    await fs.promises.appendFile(this.file, content);
    this.size += bytes;
  }

  /** Creates the folder and learns the size of a file left by an earlier session. */
  private async open(): Promise<number> {
    await makeFolder(path.dirname(this.file));
    try {
      return (await fs.promises.stat(this.file)).size;
    } catch {
      return 0;
    }
  }

  /** api.log.(keep-1) to api.log.keep, and so on down to api.log to api.log.1; the oldest falls off. */
  private async rotate(): Promise<void> {
    const { keep } = this.options;
    if (keep <= 0) return fs.promises.rm(this.file, { force: true });
    await fs.promises.rm(`${this.file}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n--) await renameIfPresent(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    await renameIfPresent(this.file, `${this.file}.1`);
  }

  private report(error: unknown): void {
    this.size = undefined; // re-read on the next write rather than trust a count the failure broke
    if (this.failing) return;
    this.failing = true;
    const message = error instanceof Error ? error.message : String(error);
    this.options.onError?.(`log file ${this.file}: ${message}`);
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** `api.log` → `api.2.log` for instance 2 of several, so instances never share a file. */
export function instanceLogPath(file: string, index: number, count: number): string {
  if (count <= 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${index}${ext}`;
}

/** Every file the processes of a config log to, one per instance. */
export function configLogFiles(specs: readonly Pick<ProcessSpec, 'output' | 'instances'>[]): string[] {
  return specs.flatMap(({ output: { logFile }, instances }) =>
    logFile === undefined ? [] : Array.from({ length: Math.max(1, instances) }, (_, i) => instanceLogPath(logFile, i + 1, instances)),
  );
}

/** The log of one instance as the spec's output options describe it, or undefined for none. */
export function openInstanceLog(
  output: OutputOptions,
  instance: { index: number; count: number },
  gate: OutputGate,
  onError: (message: string) => void,
): LogFile | undefined {
  if (!output.logFile) return undefined;
  return new LogFile(instanceLogPath(output.logFile, instance.index, instance.count), {
    maxBytes: output.maxLogSizeBytes,
    keep: output.keepLogs,
    output,
    onError,
    gate,
  });
}

/**
 * `mkdir -p`, a level at a time: Node's recursive mkdir never settles (and spins a core) where a
 * folder exists but refuses a new entry with ENOENT, as /proc does.
 */
async function makeFolder(folder: string): Promise<void> {
  const parent = path.dirname(folder);
  try {
    return await mkdirOnce(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === folder) throw error;
  }
  await makeFolder(parent);
  await mkdirOnce(folder);
}

/** One level; a folder already there is fine. */
async function mkdirOnce(folder: string): Promise<void> {
  try {
    await fs.promises.mkdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
