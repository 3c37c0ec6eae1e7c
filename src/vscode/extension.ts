import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Filled in by the extension work.
}

export function deactivate(): void {
  // Filled in by the extension work.
}
