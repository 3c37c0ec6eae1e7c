import * as vscode from 'vscode';
import { STATUS_MEANING } from '../core/process/states';
import type { FolderRegistry } from './folders';

/**
 * The Procs view's badge: how many processes failed or are backing off (the states that count as
 * trouble), so a collapsed or hidden view still says something needs attention. None: no badge.
 */
export class TroubleBadge implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Only a changed count goes to the view: every state change asks. */
  private shown = 0;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly registry: FolderRegistry,
  ) {
    this.subscriptions = [
      registry.onDidChangeFolders(() => this.update()),
      registry.onDidChangeProcesses(() => this.update()),
      registry.onDidChangeState(() => this.update()),
    ];
    this.update();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private update(): void {
    const processes = this.registry.all.flatMap((entry) => entry.supervisor.processes);
    const count = processes.filter((process) => STATUS_MEANING[process.state.status].trouble).length;
    if (count === this.shown) return;
    this.shown = count;
    this.view.badge = count === 0 ? undefined : { value: count, tooltip: `${count} ${count === 1 ? 'process has' : 'processes have'} failed or back off` };
  }
}
