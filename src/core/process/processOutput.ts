import type { Clock } from '../clock';
import type { ProcessSpec } from '../config/types';
import { Emitter, type Disposable, type Event } from '../events';
import { openInstanceLog, type LogFile } from './logFile';
import { OutputBatcher } from './outputBatcher';
import { OutputGate } from './outputGate';
import type { OutputBatch, OutputStream } from './outputTypes';

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
      name,
      (batch) => {
        this.logFile?.write(batch.lines);
        this.emitter.fire(batch);
      },
      () => clock.now(),
    );
    this.subscriptions = [sharedGate.onDidChange(onFlowChange), this.logGate.onDidChange(onFlowChange)];
  }

  /** True while every sink keeps up and the pipes may be read. */
  get flowing(): boolean {
    return this.sharedGate.open && this.logGate.open;
  }

  line(stream: OutputStream, text: string): void {
    this.batcher.add(stream, text);
  }

  /** Hands on the lines read so far at once, so a state change that one of them caused comes after it. */
  deliver(): void {
    this.batcher.flush();
  }

  /** A line of our own about this process (a log file that cannot be written, a build step), in order with its output. */
  note(stream: OutputStream, text: string): void {
    this.batcher.flush();
    this.emitter.fire({ name: this.name, lines: [{ stream, text, time: this.clock.now() }] });
  }

  /** Everything handed in so far is delivered, and on disk. */
  async flush(): Promise<void> {
    this.batcher.flush();
    await this.logFile?.flush();
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
