import * as vscode from 'vscode';
import type { ManagedProcess } from '../core/process/managedProcess';
import { commandText } from './commandText';
import type { ProcsFolder } from './folders';
import { exitText, probeText, stateDescription, stateIcon } from './stateLook';

/** A workspace folder with a `.procs.json` (shown only in multi-root workspaces). */
export class FolderNode extends vscode.TreeItem {
  readonly parent = undefined;

  constructor(readonly entry: ProcsFolder) {
    super(entry.folder.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = entry.folder.uri.toString();
    this.contextValue = 'procs.folder';
    this.iconPath = vscode.ThemeIcon.Folder;
    this.resourceUri = entry.folder.uri;
    this.tooltip = entry.configFile;
  }
}

/** The processes that name this group first. */
export class GroupNode extends vscode.TreeItem {
  constructor(
    readonly entry: ProcsFolder,
    readonly group: string,
    readonly parent: FolderNode | undefined,
  ) {
    super(group, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `${entry.folder.uri.toString()}#group:${group}`;
    this.contextValue = 'procs.group';
    this.iconPath = new vscode.ThemeIcon('layers');
  }
}

/** Stable across refreshes, so VS Code keeps the row's identity (selection, clicks in flight). */
export function processNodeId(entry: ProcsFolder, name: string): string {
  return `${entry.folder.uri.toString()}#process:${name}`;
}

/**
 * One process instance; clicking it shows its output. The same object stays on screen while
 * the process lives in the config, and `update` refreshes what it shows from the live state.
 */
export class ProcessNode extends vscode.TreeItem {
  constructor(
    readonly entry: ProcsFolder,
    readonly process: ManagedProcess,
    readonly parent: FolderNode | GroupNode | undefined,
  ) {
    super(process.name, vscode.TreeItemCollapsibleState.None);
    this.id = processNodeId(entry, process.name);
    this.command = { command: 'procs.showOutput', title: 'Show Output', arguments: [this] };
  }

  update(now: number): this {
    const state = this.process.state;
    this.contextValue = `procs.process.${state.status}`;
    this.iconPath = stateIcon(state);
    this.description = stateDescription(state, now);
    this.tooltip = processTooltip(this.process, now);
    return this;
  }
}

/** A line of explanation where there is nothing else to show. */
export class MessageNode extends vscode.TreeItem {
  constructor(
    message: string,
    readonly parent: FolderNode | undefined,
    icon = 'info',
  ) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.contextValue = 'procs.message';
    this.iconPath = new vscode.ThemeIcon(icon);
  }
}

export type TreeNode = FolderNode | GroupNode | ProcessNode | MessageNode;

function processTooltip(process: ManagedProcess, now: number): vscode.MarkdownString {
  const { spec, state } = process;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${process.name}** — ${state.status}\n\n`);
  tooltip.appendCodeblock(commandText(spec), 'shellscript');
  const facts = [`cwd: ${spec.cwd}`, `restarts: ${state.restarts}`];
  if (state.pid !== undefined) facts.push(`pid: ${state.pid}`);
  if (state.probe) facts.push(probeText(state.probe, now));
  if (state.lastExit) facts.push(`last exit: ${exitText(state.lastExit)}`);
  if (state.message) facts.push(state.message);
  for (const fact of facts) tooltip.appendText(`${fact}\n`);
  return tooltip;
}
