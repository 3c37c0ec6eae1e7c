import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/loadConfig';
import type { FolderRegistry, ProcsFolder } from './folders';
import { SaveEchoes } from './saveEchoes';
import { settings } from './settings';

/**
 * Restart on save: a saved document restarts the processes that watch it. Changes made outside
 * the editor arrive through a file watcher (setting `procs.restartOnExternalChanges`). A save also
 * fires the watcher, once or more and in either order relative to the save event; `SaveEchoes`
 * drops those events, so one save is one restart.
 */
export class FileTriggers implements vscode.Disposable {
  private readonly saveEchoes = new SaveEchoes();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      vscode.workspace.onWillSaveTextDocument(({ document }) => this.willSave(document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => this.didSave(document.uri)),
      registry.onDidChangeFolders(() => this.syncWatchers()),
    ];
    this.syncWatchers();
  }

  dispose(): void {
    for (const disposable of [...this.subscriptions, ...this.watchers.values()]) disposable.dispose();
    this.watchers.clear();
  }

  private willSave(uri: vscode.Uri): void {
    if (this.supervisedFolder(uri)) this.saveEchoes.willSave(uri.fsPath);
  }

  private didSave(uri: vscode.Uri): void {
    const entry = this.supervisedFolder(uri);
    if (!entry) return;
    trigger(entry, uri, 'saved');
    void this.saveEchoes.didSave(uri.fsPath);
  }

  private async changedOnDisk(uri: vscode.Uri): Promise<void> {
    const entry = this.supervisedFolder(uri);
    if (!entry || !settings().restartOnExternalChanges) return;
    if (await this.saveEchoes.isEcho(uri.fsPath)) return;
    trigger(entry, uri, 'changed on disk');
  }

  /** The supervised folder of a file, unless it is the config (a config change is applied, not a trigger). */
  private supervisedFolder(uri: vscode.Uri): ProcsFolder | undefined {
    if (uri.scheme !== 'file' || path.basename(uri.fsPath) === CONFIG_FILE_NAME) return undefined;
    return this.registry.forFile(uri);
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
      const onEvent = (uri: vscode.Uri): void => void this.changedOnDisk(uri);
      this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent)));
    }
  }
}

/** Hands a changed file to its folder's supervisor, with a reason that names it relative to the folder. */
function trigger(entry: ProcsFolder, uri: vscode.Uri, how: string): void {
  const relative = path.relative(entry.folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
  entry.supervisor.fileChanged(uri.fsPath, `${relative} ${how}`);
}
