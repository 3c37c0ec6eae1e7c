import * as vscode from 'vscode';

export interface ProcsSettings {
  startOnOpen: boolean;
  restartOnExternalChanges: boolean;
  notifyOnFailure: boolean;
  showResources: boolean;
}

/** The `procs.*` settings, read fresh each time (they are cheap and may change at any moment). */
export function settings(scope?: vscode.ConfigurationScope): ProcsSettings {
  const config = vscode.workspace.getConfiguration('procs', scope);
  return {
    startOnOpen: config.get('startOnOpen', false),
    restartOnExternalChanges: config.get('restartOnExternalChanges', true),
    notifyOnFailure: config.get('notifyOnFailure', true),
    showResources: config.get('showResources', true),
  };
}
