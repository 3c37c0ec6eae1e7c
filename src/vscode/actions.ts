import * as vscode from 'vscode';
import { ALL } from '../core/selectors';
import type { FolderRegistry } from './folders';
import type { OutputChannels } from './output';
import type { ProcessTerminals } from './processTerminals';
import type { ProcessRef, Target } from './targets';
import { mayRunProcesses } from './trust';

/**
 * What a user can do to processes, whichever face asked (tree, palette, status bar, notification).
 * Starting anything is refused in an untrusted workspace; stopping never is.
 */
export class ProcessActions {
  constructor(
    private readonly registry: FolderRegistry,
    private readonly output: OutputChannels,
    private readonly terminals: ProcessTerminals,
  ) {}

  async start(targets: readonly Target[]): Promise<void> {
    if (!mayRunProcesses()) return;
    await Promise.all(targets.map(({ entry, selectors }) => entry.supervisor.start(selectors)));
  }

  async stop(targets: readonly Target[]): Promise<void> {
    await Promise.all(targets.map(({ entry, selectors }) => entry.supervisor.stop(selectors)));
  }

  async restart(targets: readonly Target[]): Promise<void> {
    if (!mayRunProcesses()) return;
    await Promise.all(targets.map(({ entry, selectors }) => entry.supervisor.restart(selectors, 'requested')));
  }

  /** Brings every folder up: its autostart processes start, and new ones start as they are added. */
  async startAll(): Promise<void> {
    if (!mayRunProcesses()) return;
    await Promise.all(this.registry.all.map((entry) => entry.supervisor.up()));
  }

  async stopAll(): Promise<void> {
    await this.registry.stopAll();
  }

  async restartAll(): Promise<void> {
    if (!mayRunProcesses()) return;
    await Promise.all(this.registry.all.map((entry) => entry.supervisor.restart([ALL], 'requested')));
  }

  showOutput({ entry, process }: ProcessRef): void {
    this.output.show(entry, process.name);
  }

  openTerminal({ entry, process }: ProcessRef): void {
    this.terminals.show(entry, process.name);
  }

  /** Tells the user a selector named nothing. */
  unknown(selector: string): void {
    void vscode.window.showWarningMessage(`Procs: no process or group is named "${selector}".`);
  }
}
