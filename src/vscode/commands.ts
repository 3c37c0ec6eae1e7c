import * as vscode from 'vscode';
import type { ProcessActions } from './actions';
import { commandText } from './commandText';
import type { ConfigFiles } from './configFile';
import type { DebugSessions } from './debugSessions';
import type { FolderRegistry, ProcsFolder } from './folders';
import { openInBrowser } from './browser';
import { OPEN_PORT_COMMAND, PortNode } from './portNodes';
import { pickAction, pickProcess, pickTargets } from './pickers';
import { PICKING_COMMANDS, rowTwin } from './rowCommands';
import { QUICK_ACTIONS_COMMAND } from './statusBar';
import { folderFor, processFor, targetsFor, type ProcessRef, type Target } from './targets';
import { SHOW_CONFIG_PROBLEM_COMMAND } from './treeNodes';

/**
 * Every `procs.*` command. Each takes a tree node or a selector string (so tests and keybindings
 * can name a process); without one, Start/Stop/Restart ask with a multi-select quick pick, the
 * others that need a process with a single pick. The rows' menus use their twins (rowCommands.ts).
 */
export function registerCommands(registry: FolderRegistry, actions: ProcessActions, configs: ConfigFiles, debug: DebugSessions): vscode.Disposable {
  /** Targets from the argument or a quick pick; undefined when there is nothing to do. */
  const resolveTargets = async (argument: unknown, verb: string): Promise<Target[] | undefined> => {
    const targets = targetsFor(argument, registry) ?? (await pickTargets(registry, verb));
    if (targets?.length === 0 && typeof argument === 'string') actions.unknown(argument);
    return targets;
  };
  const resolveProcess = async (argument: unknown): Promise<ProcessRef | undefined> => {
    if (argument === undefined) return pickProcess(registry, 'Process');
    const ref = processFor(argument, registry);
    if (!ref && typeof argument === 'string') actions.unknown(argument);
    return ref;
  };
  const withTargets = (verb: string, act: (targets: Target[]) => Promise<void>) => async (argument: unknown) => {
    const targets = await resolveTargets(argument, verb);
    if (targets) await act(targets);
  };
  const withProcess = (act: (ref: ProcessRef) => Thenable<unknown> | void) => async (argument: unknown) => {
    const ref = await resolveProcess(argument);
    if (ref) await act(ref);
  };

  const openConfig = async (argument: unknown): Promise<void> => {
    const entry = folderFor(argument) ?? (await pickConfiguredFolder());
    if (entry) return void (await configs.open(entry.configFile));
    if (registry.all.length > 0) return; // the pick was cancelled
    // While configs are still read, "none loaded" does not mean "none there".
    await registry.ready();
    const loaded = registry.all.length > 0 ? await pickConfiguredFolder() : undefined;
    if (loaded) await configs.open(loaded.configFile);
    else if (registry.all.length === 0) await createConfig();
  };

  const pickConfiguredFolder = async (): Promise<ProcsFolder | undefined> => {
    const folders = registry.all;
    if (folders.length <= 1) return folders[0];
    const picked = await vscode.window.showQuickPick(
      folders.map((entry) => ({ label: entry.folder.name, description: entry.configFile, entry })),
      { placeHolder: 'Which .procs.json?' },
    );
    return picked?.entry;
  };

  const createConfig = async (): Promise<void> => {
    const candidates = (vscode.workspace.workspaceFolders ?? []).filter((folder) => !registry.get(folder.uri));
    const folder = candidates.length <= 1 ? candidates[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create .procs.json in' });
    if (folder) await configs.create(folder);
    else if (candidates.length === 0) void vscode.window.showInformationMessage('Procs: every folder of this workspace already has a .procs.json.');
  };

  /** Start All where there is nothing to start says so, and offers to write a first config. */
  const startAll = async (): Promise<void> => {
    // A click as the window opens comes while configs are still read: what they hold is what to start.
    await registry.ready();
    if (registry.all.length > 0) return actions.startAll();
    const create = 'Create .procs.json';
    const canCreate = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    const text = 'Procs: nothing to start: this workspace has no .procs.json.';
    const choice = await (canCreate ? vscode.window.showInformationMessage(text, create) : vscode.window.showInformationMessage(`${text} Open a folder first.`));
    if (choice === create) await createConfig();
  };

  const quickActions = async (folderKey?: string, name?: string): Promise<void> => {
    const entry = folderKey === undefined ? undefined : registry.get(folderKey);
    const process = name === undefined ? undefined : entry?.supervisor.get(name);
    const ref = entry && process ? { entry, process } : await pickProcess(registry, 'Process');
    if (!ref) return;
    const action = await pickAction(ref);
    const targets = [{ entry: ref.entry, selectors: [ref.process.name] }];
    switch (action) {
      case 'start':
        return actions.start(targets);
      case 'stop':
        return actions.stop(targets);
      case 'restart':
        return actions.restart(targets);
      case 'showOutput':
        return actions.showOutput(ref);
      case undefined:
        return undefined;
    }
  };

  // Returns the URI it opened, for tests; `port` picks one.
  const browse = (among: 'http' | 'all') => async (argument: unknown, port?: number) => {
    const ref = await resolveProcess(argument);
    return ref ? openInBrowser(ref, among, typeof port === 'number' ? port : undefined) : undefined;
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    'procs.start': withTargets('start', (targets) => actions.start(targets)),
    'procs.stop': withTargets('stop', (targets) => actions.stop(targets)),
    'procs.restart': withTargets('restart', (targets) => actions.restart(targets)),
    'procs.startAll': () => startAll(),
    'procs.stopAll': () => actions.stopAll(),
    'procs.restartAll': async () => {
      await registry.ready();
      await actions.restartAll();
    },
    'procs.showOutput': withProcess((ref) => actions.showOutput(ref)),
    'procs.openTerminal': withProcess((ref) => actions.openTerminal(ref)),
    'procs.debug': withProcess((ref) => debug.debug(ref)),
    'procs.stopDebugging': withProcess((ref) => debug.stopDebugging(ref)),
    'procs.revealInConfig': withProcess((ref) => configs.reveal(ref)),
    'procs.copyCommand': withProcess((ref) => vscode.env.clipboard.writeText(commandText(ref.process.spec))),
    'procs.openInBrowser': browse('http'),
    // The process row's context menu: every port in a pick. Each port's own row has the next one.
    'procs.openPortInBrowser': browse('all'),
    [OPEN_PORT_COMMAND]: (node: unknown) => (node instanceof PortNode ? openInBrowser(node.parent, 'all', node.socket.port) : undefined),
    'procs.openConfig': (argument: unknown) => openConfig(argument),
    'procs.createConfig': () => createConfig(),
    [QUICK_ACTIONS_COMMAND]: (folderKey?: string, name?: string) => quickActions(folderKey, name),
    [SHOW_CONFIG_PROBLEM_COMMAND]: async (folderKey: string) => {
      const entry = registry.get(folderKey);
      if (entry) await configs.openAtFirstError(entry);
    },
  };

  for (const command of PICKING_COMMANDS) commands[rowTwin(command)] = commands[command];

  return vscode.Disposable.from(...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)));
}
