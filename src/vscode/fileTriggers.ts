import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/loadConfig';
import type { FolderRegistry, ProcsFolder } from './folders';
import { settings } from './settings';

/**
 * Restart on save: a saved document restarts the processes that watch it. Changes made outside
 * the editor arrive through a file watcher (setting `procs.restartOnExternalChanges`).
 * A save also fires the watcher, in either order relative to the save event, so the path is marked
 * just before it is written (`onWillSaveTextDocument`) and the next watcher event for it is dropped.
 */
export class FileTriggers implements vscode.Disposable {
  private readonly justSaved = new Set<string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      vscode.workspace.onWillSaveTextDocument(({ document }) => this.willSave(document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => this.trigger(document.uri, 'saved')),
      registry.onDidChangeFolders(() => this.syncWatchers()),
    ];
    this.syncWatchers();
  }

  dispose(): void {
    for (const disposable of [...this.subscriptions, ...this.watchers.values()]) disposable.dispose();
    this.watchers.clear();
  }

  private willSave(uri: vscode.Uri): void {
    if (this.supervisedFolder(uri)) this.justSaved.add(uri.fsPath);
  }

  private changedOnDisk(uri: vscode.Uri): void {
    if (this.justSaved.delete(uri.fsPath)) return;
    if (!settings().restartOnExternalChanges) return;
    this.trigger(uri, 'changed on disk');
  }

  /** The supervised folder of a file, unless it is the config (a config change is applied, not a trigger). */
  private supervisedFolder(uri: vscode.Uri): ProcsFolder | undefined {
    if (uri.scheme !== 'file' || path.basename(uri.fsPath) === CONFIG_FILE_NAME) return undefined;
    return this.registry.forFile(uri);
  }

  private trigger(uri: vscode.Uri, how: string): void {
    const entry = this.supervisedFolder(uri);
    if (!entry) return;
    const relative = path.relative(entry.folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    entry.supervisor.fileChanged(uri.fsPath, `${relative} ${how}`);
  }

  /** One watcher per supervised folder. */
  private syncWatchers(): void {
    const wanted = new Map(this.registry.all.map((entry) => [entry.folder.uri.toString(), entry.folder]));
    for (const [key, watcher] of this.watchers) {
      if (wanted.has(key)) continue;
      watcher.dispose();
      this.watchers.delete(key);
    }
    for (const [key, folder] of wanted) {
      if (this.watchers.has(key)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      const onEvent = (uri: vscode.Uri): void => this.changedOnDisk(uri);
      this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent)));
    }
  }
}
