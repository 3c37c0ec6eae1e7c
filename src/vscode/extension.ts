import * as vscode from 'vscode';
import { describeLeftovers } from '../core/process/leftovers';
import { ProcessActions } from './actions';
import type { ProcsApi } from './api';
import { registerCommands } from './commands';
import { ConfigFiles } from './configFile';
import { watchConfigs } from './configWatcher';
import { notifyOnFailure } from './crashNotice';
import { ConfigDiagnostics } from './diagnostics';
import { FileTriggers } from './fileTriggers';
import { FolderRegistry } from './folders';
import { OutputChannels, outputChannelName } from './output';
import { settings } from './settings';
import { StatusBar } from './statusBar';
import { ProcsTreeProvider } from './tree';

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
  const actions = new ProcessActions(folders, output);
  const tree = new ProcsTreeProvider(folders);
  const statusBar = new StatusBar(folders);

  context.subscriptions.push(
    folders,
    output,
    tree,
    statusBar,
    new ConfigDiagnostics(folders),
    new FileTriggers(folders),
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    registerCommands(folders, actions, new ConfigFiles(folders)),
    notifyOnFailure(folders, actions),
    folders.onDidStopLeftovers((entry) => {
      if (entry.leftovers) void vscode.window.showWarningMessage(`Procs (${entry.folder.name}): ${describeLeftovers(entry.leftovers.list)}`);
    }),
    watchConfigs(folders),
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
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltip,
    stopAll: () => folders.stopAll(),
  };
}

/** Stops every process tree; VS Code waits for the promise (about 5 s at most). */
export async function deactivate(): Promise<void> {
  await registry?.stopAll();
  registry = undefined;
}
