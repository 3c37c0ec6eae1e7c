import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/loadConfig';
import type { FolderRegistry } from './folders';

/**
 * Keeps the registry in step with the workspace: folders coming and going, and every
 * `.procs.json` that is created, saved, changed on disk or deleted.
 */
export function watchConfigs(registry: FolderRegistry): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  const reload = (uri: vscode.Uri): void => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    // Only the file at a folder's root configures it.
    if (folder && path.dirname(uri.fsPath) === folder.uri.fsPath) void registry.refreshSoon(folder);
  };
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(reload),
    watcher.onDidChange(reload),
    watcher.onDidDelete(reload),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (path.basename(document.uri.fsPath) === CONFIG_FILE_NAME) reload(document.uri);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      for (const folder of removed) void registry.remove(folder.uri);
      for (const folder of added) void registry.refresh(folder);
    }),
  );
}
