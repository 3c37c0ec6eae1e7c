import * as vscode from 'vscode';
import type { Disposable } from '../core/events';
import type { ResourceSample } from '../core/system/treeSample';
import type { FolderRegistry, ProcsFolder } from './folders';

/**
 * Holds every folder's sampler on while the Procs view is visible, and hands each batch of samples
 * to the tree. Hidden, it holds nothing, so (without limits) no process table is read at all.
 */
export class ResourceWatch implements vscode.Disposable {
  private visible = false;
  private readonly holds = new Map<ProcsFolder, Disposable[]>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: FolderRegistry,
    private readonly onSamples: (entry: ProcsFolder, samples: ResourceSample[]) => void,
  ) {
    this.subscription = registry.onDidChangeFolders(() => this.sync());
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.sync();
  }

  dispose(): void {
    this.visible = false;
    this.sync();
    this.subscription.dispose();
  }

  /** Keeps a hold on exactly the folders that exist while the view is visible. */
  private sync(): void {
    const wanted = new Set(this.visible ? this.registry.all : []);
    for (const [entry, held] of this.holds) {
      if (wanted.has(entry)) continue;
      for (const item of held) item.dispose();
      this.holds.delete(entry);
    }
    for (const entry of wanted) {
      if (this.holds.has(entry)) continue;
      const resources = entry.supervisor.resources;
      this.holds.set(entry, [resources.onDidSample((samples) => this.onSamples(entry, samples)), resources.watch()]);
    }
  }
}
