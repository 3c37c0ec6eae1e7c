import * as vscode from 'vscode';
import { ALL } from '../core/selectors';
import { actionsFor, chosenItems, firstMatch, type ProcessAction } from './actionChoices';
import type { FolderRegistry, ProcsFolder } from './folders';
import { stateCodicon, stateDescription } from './stateLook';
import type { ProcessRef, Target } from './targets';

interface TargetItem extends vscode.QuickPickItem {
  target: Target;
}

interface ProcessItem extends vscode.QuickPickItem {
  ref: ProcessRef;
}

interface ActionItem extends vscode.QuickPickItem {
  action: ProcessAction;
}

/** Multi-select of "All", the groups and the processes with their state. */
export async function pickTargets(registry: FolderRegistry, verb: string): Promise<Target[] | undefined> {
  const items: TargetItem[] = [];
  const multiRoot = registry.all.length > 1;
  for (const entry of registry.all) {
    const where = multiRoot ? ` (${entry.folder.name})` : '';
    items.push({ label: `$(layers) All${where}`, description: 'every autostart process', target: { entry, selectors: [ALL] } });
    for (const group of groupsOf(entry)) {
      items.push({ label: `$(layers) ${group}`, description: `group${where}`, target: { entry, selectors: [group] } });
    }
    for (const item of processItems(entry, multiRoot)) items.push({ ...item, target: { entry, selectors: [item.ref.process.name] } });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Procs: there is no .procs.json in this workspace yet.');
    return undefined;
  }
  const picked = await pickSome(items, `Processes to ${verb}: type to filter, Enter for the highlighted one, Space to tick several`);
  if (picked === undefined) return undefined;
  if (picked.length === 0) {
    void vscode.window.showInformationMessage(`Procs: nothing picked, so nothing to ${verb}.`);
    return undefined;
  }
  return picked.map((item) => item.target);
}

/**
 * A multi-select that also works as a single pick: Enter takes the ticked items, or, with none
 * ticked, the highlighted one, as VS Code's own lists do. Undefined when the pick was dismissed;
 * empty when Enter found nothing to take (the filter matched nothing).
 */
function pickSome<T extends vscode.QuickPickItem>(items: T[], placeholder: string): Promise<readonly T[] | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.placeholder = placeholder;
  quickPick.items = items;
  const highlight = (typed: string) => {
    const match = firstMatch(items, typed);
    quickPick.activeItems = match ? [match] : [];
  };
  highlight('');
  return new Promise((resolve) => {
    let result: readonly T[] | undefined;
    quickPick.onDidChangeValue(highlight);
    quickPick.onDidAccept(() => {
      result = chosenItems(quickPick.selectedItems, quickPick.activeItems);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

/** Single choice of a process. */
export async function pickProcess(registry: FolderRegistry, placeHolder: string): Promise<ProcessRef | undefined> {
  const multiRoot = registry.all.length > 1;
  const items = registry.all.flatMap((entry) => processItems(entry, multiRoot));
  const picked = await vscode.window.showQuickPick(items, { placeHolder });
  return picked?.ref;
}

const ACTION_LABELS: Record<ProcessAction, string> = {
  start: '$(play) Start',
  stop: '$(debug-stop) Stop',
  restart: '$(debug-restart) Restart',
  showOutput: '$(output) Show Output',
};

/** What to do with one process: the actions that fit its state, the likely one first and so preselected. */
export async function pickAction(ref: ProcessRef): Promise<ProcessAction | undefined> {
  const items: ActionItem[] = actionsFor(ref.process.state.status).map((action) => ({ label: ACTION_LABELS[action], action }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `${ref.process.name}: ${ref.process.state.status}` });
  return picked?.action;
}

function processItems(entry: ProcsFolder, multiRoot: boolean): ProcessItem[] {
  const now = Date.now();
  return entry.supervisor.processes.map((process) => ({
    label: `$(${stateCodicon(process.state)}) ${process.name}`,
    description: stateDescription(process.state, now) + (multiRoot ? ` (${entry.folder.name})` : ''),
    ref: { entry, process },
  }));
}

function groupsOf(entry: ProcsFolder): string[] {
  return [...new Set(entry.supervisor.processes.flatMap((process) => process.spec.groups))];
}
