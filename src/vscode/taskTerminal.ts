import * as vscode from 'vscode';
import type { ReadyOutcome } from '../core/readyWait';
import type { ProcessActions } from './actions';
import type { ProcsFolder } from './folders';
import { mayRunProcesses } from './trust';

export type TaskAction = 'start' | 'restart' | 'stop';

/** Exit code of a task whose process could not be brought up (or that could not run at all). */
const FAILED = 1;

const line = (text: string): string => `${text.replace(/\r?\n/g, '\r\n')}\r\n`;

/**
 * The terminal of a running `procs` task: it asks the engine, tells each state change of the
 * processes named, and closes with 0 once they are ready (or stopped, for `stop`), with 1 and the
 * reason when one cannot come up. Closing it early leaves the processes as they are.
 */
export class ProcsTaskTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  private subscription: vscode.Disposable | undefined;
  private closed = false;

  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  /** A task that cannot run: it says why and fails. */
  static refusal(message: string): vscode.Pseudoterminal {
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number>();
    return {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        write.fire(line(`Procs: ${message}`));
        close.fire(FAILED);
      },
      close: () => undefined,
    };
  }

  constructor(
    private readonly entry: ProcsFolder,
    private readonly selector: string,
    private readonly action: TaskAction,
    private readonly actions: ProcessActions,
  ) {}

  open(): void {
    const names = new Set(this.entry.supervisor.select([this.selector]).processes.map((process) => process.name));
    this.subscription = this.entry.supervisor.onDidChangeState(({ name, current }) => {
      if (names.has(name)) this.write(`${name}: ${current.message}`);
    });
    this.run().then(
      (code) => this.finish(code),
      (error: unknown) => {
        this.write(`Procs: ${String(error)}`);
        this.finish(FAILED);
      },
    );
  }

  close(): void {
    this.closed = true;
    this.subscription?.dispose();
  }

  private async run(): Promise<number> {
    const targets = [{ entry: this.entry, selectors: [this.selector] }];
    this.write(`Procs: ${this.action} ${this.selector}`);
    if (this.action === 'stop') {
      await this.actions.stop(targets);
      return 0;
    }
    if (!mayRunProcesses()) {
      this.write('Procs: this workspace is not trusted, so no process starts.');
      return FAILED;
    }
    await (this.action === 'start' ? this.actions.start(targets) : this.actions.restart(targets));
    return this.report(await this.entry.supervisor.whenReady([this.selector]));
  }

  private report(outcome: ReadyOutcome): number {
    if (outcome.ok) {
      this.write(`Procs: ${this.selector} is ready.`);
      return 0;
    }
    this.write(`Procs: ${outcome.name} did not come up (${outcome.status}): ${outcome.message}`);
    return FAILED;
  }

  private write(text: string): void {
    if (!this.closed) this.writeEmitter.fire(line(text));
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.subscription?.dispose();
    this.closeEmitter.fire(code);
  }
}
