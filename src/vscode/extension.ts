import * as vscode from 'vscode';
import { describeLeftovers } from '../core/process/leftovers';
import { ProcessActions } from './actions';
import type { ProcsApi } from './api';
import { registerCommands } from './commands';
import { ConfigFiles } from './configFile';
import { watchConfigs } from './configWatcher';
import { FailureNotices } from './crashNotice';
import { DebugSessions } from './debugSessions';
import { ConfigDiagnostics } from './diagnostics';
import { FileTriggers } from './fileTriggers';
import { FolderRegistry } from './folders';
import { OutputChannels, outputChannelName } from './output';
import { ProcessTerminals } from './processTerminals';
import { notifyPortConflicts } from './portConflictNotice';
import { ResourceWatch } from './resourceWatch';
import { settings } from './settings';
import { StatusBar } from './statusBar';
import { ProcsTaskProvider, TASK_TYPE } from './tasks';
import { ProcsTreeProvider } from './tree';
import { TroubleBadge } from './viewBadge';
import { trackWalkthrough } from './walkthrough';

const VIEW_ID = 'procs.processes';
/** Context key for the view's welcome content: true when some folder has a `.procs.json`. */
const HAS_CONFIG_KEY = 'procs.hasConfig';

let registry: FolderRegistry | undefined;

/**
 * Composition root. Nothing heavy happens here: configs are looked for in the background,
 * and no process starts before a config exists (and, with `procs.startOnOpen`, the workspace is trusted).
 */
export function activate(context: vscode.ExtensionContext): ProcsApi {
  const started = performance.now();
  const folders = new FolderRegistry((entry) => vscode.workspace.isTrusted && settings(entry.folder.uri).startOnOpen);
  registry = folders;
  const output = new OutputChannels(folders);
  const terminals = new ProcessTerminals(folders);
  const actions = new ProcessActions(folders, output, terminals);
  const tree = new ProcsTreeProvider(folders);
  const statusBar = new StatusBar(folders);
  const debugSessions = new DebugSessions(folders);
  const failureNotices = new FailureNotices(folders, actions);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  // CPU, memory and ports are read only while someone can see them.
  const resources = new ResourceWatch(folders, (entry, samples) => tree.refreshSamples(entry, samples.map((sample) => sample.name)));
  resources.setVisible(view.visible);

  context.subscriptions.push(
    folders,
    output,
    terminals,
    tree,
    statusBar,
    new ConfigDiagnostics(folders),
    new FileTriggers(folders),
    view,
    new TroubleBadge(view, folders),
    debugSessions,
    resources,
    view.onDidChangeVisibility(({ visible }) => {
      resources.setVisible(visible);
      if (visible) void folders.recheck();
    }),
    vscode.window.onDidChangeWindowState(({ focused }) => {
      if (focused) void folders.recheck();
    }),
    notifyPortConflicts(folders),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('procs.showResources')) tree.refresh();
    }),
    registerCommands(folders, actions, new ConfigFiles(folders), debugSessions),
    failureNotices,
    folders.onDidStopLeftovers((entry) => {
      if (entry.leftovers) void vscode.window.showWarningMessage(`Procs (${entry.folder.name}): ${describeLeftovers(entry.leftovers.list)}`);
    }),
    watchConfigs(folders),
    trackWalkthrough(folders),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new ProcsTaskProvider(folders, actions)),
    folders.onDidChangeFolders(() => void vscode.commands.executeCommand('setContext', HAS_CONFIG_KEY, folders.all.length > 0)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const entry of folders.all) if (settings(entry.folder.uri).startOnOpen) void entry.supervisor.up();
    }),
  );

  void vscode.commands.executeCommand('setContext', HAS_CONFIG_KEY, false);
  for (const folder of vscode.workspace.workspaceFolders ?? []) void folders.refresh(folder);

  const activationMs = performance.now() - started;
  return {
    activationMs,
    supervisors: () => new Map(folders.all.map((entry) => [entry.folder.uri.toString(), entry.supervisor])),
    supervisorFor: (folderUri) => folders.get(folderUri)?.supervisor,
    leftoversFor: (folderUri) => folders.get(folderUri)?.leftovers,
    ready: () => folders.ready(),
    tree,
    outputChannelName: (folder, processName) => outputChannelName(folder.name, processName),
    outputWindow: (folderUri, processName) => {
      const entry = folders.get(folderUri);
      return entry && output.windowOf(entry, processName);
    },
    onDidWriteTerminal: terminals.onDidWrite,
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltip,
    statusBarWarning: () => statusBar.warning,
    viewBadge: () => view.badge,
    failureNotices: () => failureNotices.shown,
    debugSessionsOf: (folderUri, processName) => {
      const entry = folders.get(folderUri);
      return entry ? debugSessions.sessionsOf(entry, processName) : [];
    },
    stopAll: () => folders.stopAll(),
  };
}

/** Stops every process tree; VS Code waits for the promise (about 5 s at most). */
export async function deactivate(): Promise<void> {
  await registry?.stopAll();
  registry = undefined;
}
