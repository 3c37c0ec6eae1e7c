import * as vscode from 'vscode';
import type { ProcessActions } from './actions';
import type { FolderRegistry } from './folders';
import { settings } from './settings';

/** Tells the user when a process gives up (status `failed`), with Show Output and Restart. */
export function notifyOnFailure(registry: FolderRegistry, actions: ProcessActions): vscode.Disposable {
  return registry.onDidChangeState(({ folder, value }) => {
    if (value.current.status !== 'failed' || value.previous.status === 'failed') return;
    if (!settings(folder.folder.uri).notifyOnFailure) return;
    const process = folder.supervisor.get(value.name);
    if (!process) return;
    void vscode.window
      .showErrorMessage(`Procs: ${value.name} failed: ${value.current.message}`, 'Show Output', 'Restart')
      .then((choice) => {
        if (choice === 'Show Output') actions.showOutput({ entry: folder, process });
        if (choice === 'Restart') void actions.restart([{ entry: folder, selectors: [value.name] }]);
      });
  });
}
