import * as vscode from 'vscode';

const TRUST_MESSAGE = 'Procs starts no process in an untrusted workspace. Trust the workspace to run them.';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** True when processes may run; otherwise tells the user why not and how to change it. */
export function mayRunProcesses(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(TRUST_MESSAGE, MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
