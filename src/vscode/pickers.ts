import * as vscode from 'vscode';
import { ALL } from '../core/selectors';
import type { FolderRegistry, ProcsFolder } from './folders';
import { stateCodicon, stateDescription } from './stateLook';
import type { ProcessRef, Target } from './targets';

interface TargetItem extends vscode.QuickPickItem {
  target: Target;
}

interface ProcessItem extends vscode.QuickPickItem {
  ref: ProcessRef;
}

export type ProcessAction = 'start' | 'stop' | 'restart' | 'showOutput';

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
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: `Processes to ${verb}` });
  return picked && picked.length > 0 ? picked.map((item) => item.target) : undefined;
}

/** Single choice of a process. */
export async function pickProcess(registry: FolderRegistry, placeHolder: string): Promise<ProcessRef | undefined> {
  const multiRoot = registry.all.length > 1;
  const items = registry.all.flatMap((entry) => processItems(entry, multiRoot));
  const picked = await vscode.window.showQuickPick(items, { placeHolder });
  return picked?.ref;
}

/** What to do with one process. */
export async function pickAction(ref: ProcessRef): Promise<ProcessAction | undefined> {
  const items: ActionItem[] = [
    { label: '$(play) Start', action: 'start' },
    { label: '$(debug-stop) Stop', action: 'stop' },
    { label: '$(debug-restart) Restart', action: 'restart' },
    { label: '$(output) Show Output', action: 'showOutput' },
  ];
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
