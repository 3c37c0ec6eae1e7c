import * as vscode from 'vscode';
import type { ManagedProcess } from '../core/process/managedProcess';
import { isActive } from '../core/process/states';
import { commandText } from './commandText';
import type { ProcsFolder } from './folders';
import type { ResourceSample } from '../core/system/treeSample';
import { isNearLimit, resourceLines, resourceParts } from './resourceLook';
import { PortNode } from './portNodes';
import { rowContext } from './rowContext';
import { browserPorts, portDescription } from './webPorts';
import { settings } from './settings';
import { exitText, formatDuration, probeText, stateDescription, stateIcon } from './stateLook';

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
 * The tooltip is left out and filled in on hover (`resolveTreeItem`): it is always current then,
 * and a row whose visible text has not changed need not be sent again, which would close it.
 */
export class ProcessNode extends vscode.TreeItem {
  /** What the row showed at the last update: a tick that would show the same sends nothing. */
  private shown = '';

  constructor(
    readonly entry: ProcsFolder,
    readonly process: ManagedProcess,
    readonly parent: FolderNode | GroupNode | undefined,
  ) {
    super(process.name, vscode.TreeItemCollapsibleState.None);
    this.id = processNodeId(entry, process.name);
    this.command = { command: 'procs.showOutput', title: 'Show Output', arguments: [this] };
  }

  /** Refreshes the row from the live state; true when what it shows changed. */
  update(now: number): boolean {
    const state = this.process.state;
    const sample = this.sample();
    const nearLimit = sample !== undefined && isNearLimit(this.process.spec.limits, sample);
    const icon = stateIcon(state);
    this.contextValue = rowContext(state, this.process.spec, sample);
    this.iconPath = nearLimit ? new vscode.ThemeIcon(icon.id, new vscode.ThemeColor('list.warningForeground')) : icon;
    const parts = sample && settings(this.entry.folder.uri).showResources ? resourceParts(sample) : [];
    const described = stateDescription(state, now, { pid: sample?.worker?.pid, parts });
    // Marked apart from the status: debugging is a mode of the process, not a state of its run.
    this.description = state.debug ? `${described} · debugging` : described;
    this.tooltip = undefined;
    const ports = this.listedPorts().map((socket) => `${socket.port} ${portDescription(socket)}`);
    // Its ports are rows below it; a row with none has nothing to expand (and loses its twistie).
    if (ports.length === 0) this.collapsibleState = vscode.TreeItemCollapsibleState.None;
    else if (this.collapsibleState === vscode.TreeItemCollapsibleState.None) this.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    const shown = `${this.contextValue}|${icon.id}|${nearLimit}|${this.description}|${ports.join(',')}`;
    const changed = shown !== this.shown;
    this.shown = shown;
    return changed;
  }

  /** A row per listening port of the current run, the HTTP-looking ones first. */
  ports(): PortNode[] {
    return this.listedPorts().map((socket) => new PortNode(this, socket));
  }

  private listedPorts(): ReturnType<typeof browserPorts> {
    return this.process.state.status === 'running' ? browserPorts(this.process.spec, this.sample(), this.process.state) : [];
  }

  /** The tooltip as of now, for `resolveTreeItem`. */
  tooltipAt(now: number): vscode.MarkdownString {
    return processTooltip(this.process, this.sample(), now);
  }

  /** True when the process runs but its last reading is missing or older than the sampler's interval. */
  needsSample(now: number): boolean {
    if (!isActive(this.process.state.status) || this.process.state.pid === undefined) return false;
    const sample = this.sample();
    return !sample || now - sample.at > this.entry.supervisor.resources.intervalMs;
  }

  /** The last reading of the current run, while it runs (a sampler only keeps those). */
  sample(): ResourceSample | undefined {
    return this.entry.supervisor.resources.latest(this.process.name);
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

/** The command a config-problem row runs: opens the file at the folder's first error. */
export const SHOW_CONFIG_PROBLEM_COMMAND = 'procs.showConfigProblem';

/**
 * `⚠ .procs.json has errors`: short enough for a narrow view, the whole story in its tooltip, and a
 * click opens the file where the first error is.
 */
export class ConfigProblemNode extends vscode.TreeItem {
  constructor(
    entry: ProcsFolder,
    readonly parent: FolderNode | undefined,
  ) {
    super('.procs.json has errors', vscode.TreeItemCollapsibleState.None);
    const running = entry.supervisor.config !== undefined;
    this.description = running ? 'the last good version is running' : 'see Problems';
    this.contextValue = 'procs.configProblem';
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    const first = entry.problems.find((problem) => problem.severity === 'error');
    const errors = entry.problems.filter((problem) => problem.severity === 'error').length;
    const tooltip = [
      `.procs.json has ${errors === 1 ? 'an error' : `${errors} errors`}: ${running ? 'the last good version of it is running' : 'no process runs from it'}.`,
      ...(first ? [`Line ${first.line}, column ${first.column}: ${first.message}`] : []),
      'Click to open the file at the first error.',
    ];
    this.tooltip = tooltip.join('\n');
    this.command = { command: SHOW_CONFIG_PROBLEM_COMMAND, title: 'Open .procs.json at the First Error', arguments: [entry.folder.uri.toString()] };
  }
}

export type TreeNode = FolderNode | GroupNode | ProcessNode | PortNode | MessageNode | ConfigProblemNode;

function processTooltip(process: ManagedProcess, sample: ResourceSample | undefined, now: number): vscode.MarkdownString {
  const { spec, state } = process;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${process.name}** — ${state.status}\n\n`);
  tooltip.appendCodeblock(commandText(spec), 'shellscript');
  const facts = [`cwd: ${spec.cwd}`, `crashes: ${state.crashes} · restarts asked for (Restart, a save): ${state.restarts}`];
  if (state.pid !== undefined) facts.push(`pid: ${state.pid}`);
  if (state.status === 'running' && state.startedAt !== undefined) facts.push(`up: ${formatDuration(now - state.startedAt)}`);
  if (sample) facts.push(...resourceLines(sample, spec.limits));
  if (state.probe) facts.push(probeText(state.probe, now));
  for (const inspector of state.debug?.inspectors ?? []) facts.push(`debugging: ${inspector.url}`);
  if (state.lastExit) facts.push(`last exit: ${exitText(state.lastExit)}`);
  if (state.message) facts.push(state.message);
  for (const fact of facts) tooltip.appendText(`${fact}\n`);
  return tooltip;
}
