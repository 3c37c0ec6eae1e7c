import * as vscode from 'vscode';
import type { FolderRegistry } from './folders';
import { milestonesOf } from './walkthroughMilestones';

/** Sets each walkthrough key once, the first time a process earns it. */
export function trackWalkthrough(registry: FolderRegistry): vscode.Disposable {
  const earned = new Set<string>();
  return registry.onDidChangeState(({ value }) => {
    for (const key of milestonesOf(value)) {
      if (earned.has(key)) continue;
      earned.add(key);
      void vscode.commands.executeCommand('setContext', key, true);
    }
  });
}
