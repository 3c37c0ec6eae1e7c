import type { ManagedProcess } from '../../../src/core/process/managedProcess';
import { linesOf, type OutputLine } from '../../../src/core/process/outputTypes';
import type { ProcessState, ProcessStatus } from '../../../src/core/process/states';
import { waitFor } from './waitFor';

/** Records everything a ManagedProcess reports, and waits on it with deadlines. */
export class ProcessProbe {
  readonly states: ProcessState[] = [];
  readonly lines: OutputLine[] = [];
  batches = 0;

  constructor(readonly process: ManagedProcess) {
    process.onDidChangeState((change) => this.states.push(change.current));
    process.onOutput((batch) => {
      this.batches++;
      this.lines.push(...linesOf(batch.blocks));
    });
  }

  get statuses(): ProcessStatus[] {
    return this.states.map((s) => s.status);
  }

  /** Times the process entered `status`. */
  count(status: ProcessStatus): number {
    return this.statuses.filter((s) => s === status).length;
  }

  text(): string[] {
    return this.lines.map((line) => line.text);
  }

  waitForStatus(status: ProcessStatus, timeoutMs = 10_000): Promise<void> {
    return waitFor(() => this.process.state.status === status, {
      timeoutMs,
      message: `status ${status} (seen: ${this.statuses.join(' → ')}; ${this.process.state.message})`,
    });
  }

  /** Waits for the n-th (1-based) output line matching `pattern` and returns its match. */
  async waitForLine(pattern: RegExp, nth = 1, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const matches = (): RegExpMatchArray[] =>
      this.lines.map((line) => line.text.match(pattern)).filter((m): m is RegExpMatchArray => m !== null);
    await waitFor(() => matches().length >= nth, {
      timeoutMs,
      message: `line ${pattern} #${nth} (output: ${this.text().slice(-10).join(' | ')})`,
    });
    return matches()[nth - 1];
  }
}
