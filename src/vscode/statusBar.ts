import * as vscode from 'vscode';
import { needsAttention } from '../core/process/states';
import type { FolderRegistry, ProcsFolder } from './folders';
import { stateCodicon, stateDescription } from './stateLook';
import type { ProcessRef } from './targets';

/** The command the status bar items run; registered by the commands adapter, not contributed. */
export const QUICK_ACTIONS_COMMAND = 'procs.quickActions';

/**
 * A summary item (`$(pulse) 3/4`: ready of all, warning background when something failed, backs off, or has not yet run well since a crash) and
 * one item per process with `statusBar: true`. Both open the quick actions.
 */
export class StatusBar implements vscode.Disposable {
  private readonly summary = vscode.window.createStatusBarItem('procs.summary', vscode.StatusBarAlignment.Left, 10);
  private readonly pinned = new Map<string, vscode.StatusBarItem>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.summary.name = 'Procs';
    this.summary.command = QUICK_ACTIONS_COMMAND;
    this.subscriptions = [
      registry.onDidChangeFolders(() => this.update()),
      registry.onDidChangeProcesses(() => this.update()),
      registry.onDidChangeState(() => this.update()),
    ];
    this.update();
  }

  /** The summary's text, e.g. `$(pulse) 3/4`; empty while hidden. */
  get text(): string {
    return this.registry.all.length > 0 ? this.summary.text : '';
  }

  /** True while the summary has the warning background: something needs attention. */
  get warning(): boolean {
    return this.summary.backgroundColor !== undefined;
  }

  /** The summary's tooltip, e.g. `Procs: 2 of 3 ready`; empty while hidden. */
  get tooltip(): string {
    const tooltip = this.summary.tooltip;
    return this.registry.all.length > 0 && typeof tooltip === 'string' ? tooltip : '';
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const item of this.pinned.values()) item.dispose();
    this.summary.dispose();
  }

  private update(): void {
    const refs = this.registry.all.flatMap((entry) => entry.supervisor.processes.map((process) => ({ entry, process })));
    this.updateSummary(refs);
    this.updatePinned(refs.filter(({ process }) => process.spec.statusBar));
  }

  private updateSummary(refs: ProcessRef[]): void {
    if (this.registry.all.length === 0) {
      this.summary.hide();
      return;
    }
    // `running` is ready: a process with a readiness probe is `starting` until the probe passes.
    const ready = refs.filter(({ process }) => process.state.status === 'running').length;
    // A crash not yet lived down still counts, so a crash loop keeps the warning instead of flickering.
    const troubled = refs.filter(({ process }) => needsAttention(process.state));
    this.summary.text = `$(pulse) ${ready}/${refs.length}`;
    this.summary.tooltip =
      troubled.length > 0
        ? `Procs: ${ready} of ${refs.length} ready; needs attention: ${troubled.map(({ process }) => process.name).join(', ')}`
        : `Procs: ${ready} of ${refs.length} ready`;
    this.summary.backgroundColor = troubled.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.summary.show();
  }

  private updatePinned(refs: ProcessRef[]): void {
    const wanted = new Set(refs.map(pinnedKey));
    for (const [key, item] of this.pinned) {
      if (wanted.has(key)) continue;
      item.dispose();
      this.pinned.delete(key);
    }
    const now = Date.now();
    for (const ref of refs) {
      const key = pinnedKey(ref);
      let item = this.pinned.get(key);
      if (!item) {
        item = vscode.window.createStatusBarItem(`procs.process.${key}`, vscode.StatusBarAlignment.Left, 9);
        item.name = `Procs: ${ref.process.name}`;
        this.pinned.set(key, item);
      }
      item.text = `$(${stateCodicon(ref.process.state)}) ${ref.process.name}`;
      item.tooltip = `${ref.process.name}: ${stateDescription(ref.process.state, now)}`;
      item.command = { command: QUICK_ACTIONS_COMMAND, title: 'Procs actions', arguments: [folderKey(ref.entry), ref.process.name] };
      item.show();
    }
  }
}

function folderKey(entry: ProcsFolder): string {
  return entry.folder.uri.toString();
}

function pinnedKey(ref: ProcessRef): string {
  return `${folderKey(ref.entry)}#${ref.process.name}`;
}
