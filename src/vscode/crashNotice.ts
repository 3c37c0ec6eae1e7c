import * as vscode from 'vscode';
import type { ProcessActions } from './actions';
import type { FolderRegistry, ProcsFolder } from './folders';
import { settings } from './settings';

/** Run by the notice's links, with `[folder URI, process name]`. */
const SHOW_OUTPUT_COMMAND = 'procs.failureNotice.showOutput';
const RESTART_COMMAND = 'procs.failureNotice.restart';

/** A notice that is up: which process it tells of. */
export interface FailureNoticeShown {
  folder: string;
  name: string;
}

/**
 * Tells the user when a process gives up (status `failed`), with links to its output and to a
 * restart. It is a progress notification because that is the one kind VS Code lets an extension
 * close: the notice goes as soon as its process leaves `failed` (started again by the user, a save
 * or a config change) or is gone from the config, so no notice is left telling of a failure that
 * is over or offering to restart a process that runs. A stop leaves `failed` as it is, and the notice.
 */
export class FailureNotices implements vscode.Disposable {
  /** Each open notice, by `noticeKey(folder URI, name)`. */
  private readonly open = new Map<string, { shown: FailureNoticeShown; close: () => void }>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly registry: FolderRegistry,
    actions: ProcessActions,
  ) {
    this.disposables = [
      registry.onDidChangeState(({ folder, value }) => {
        if (value.current.status !== 'failed') return this.close(folder.folder.uri.toString(), value.name);
        if (value.previous.status !== 'failed' && settings(folder.folder.uri).notifyOnFailure) this.show(folder, value.name, value.current.message);
      }),
      registry.onDidChangeProcesses(() => this.closeVanished()),
      registry.onDidChangeFolders(() => this.closeVanished()),
      vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, (folder: string, name: string) => {
        const entry = registry.get(folder);
        const process = entry?.supervisor.get(name);
        if (entry && process) actions.showOutput({ entry, process });
      }),
      vscode.commands.registerCommand(RESTART_COMMAND, async (folder: string, name: string) => {
        const entry = registry.get(folder);
        if (entry?.supervisor.get(name)) await actions.restart([{ entry, selectors: [name] }]);
      }),
    ];
  }

  /** The notices up now, oldest first. */
  get shown(): FailureNoticeShown[] {
    return [...this.open.values()].map(({ shown }) => shown);
  }

  dispose(): void {
    for (const key of [...this.open.keys()]) this.open.get(key)?.close();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private show(entry: ProcsFolder, name: string, message: string): void {
    const folder = entry.folder.uri.toString();
    this.close(folder, name);
    const key = noticeKey(folder, name);
    let resolve = (): void => undefined;
    const closed = new Promise<void>((done) => (resolve = done));
    const notice = {
      shown: { folder, name },
      close: () => {
        if (this.open.get(key) === notice) this.open.delete(key);
        resolve();
      },
    };
    this.open.set(key, notice);
    const link = (label: string, command: string) => `[${label}](command:${command}?${commandArgs([folder, name])})`;
    // The links come before the reason: a toast shows one line, and the reason may be long.
    const text = `Procs: ${name} failed: ${link('Show Output', SHOW_OUTPUT_COMMAND)} · ${link('Restart', RESTART_COMMAND)} — ${message}`;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification }, (progress) => {
      // A finished bar rather than a running one: nothing is under way, the notice waits for the user.
      progress.report({ message: text, increment: 100 });
      return closed;
    });
  }

  private close(folder: string, name: string): void {
    this.open.get(noticeKey(folder, name))?.close();
  }

  private closeVanished(): void {
    for (const shown of this.shown) if (!this.registry.get(shown.folder)?.supervisor.get(shown.name)) this.close(shown.folder, shown.name);
  }
}

function noticeKey(folder: string, name: string): string {
  return `${folder}\0${name}`;
}

/** A command link's arguments: JSON, with the parentheses a markdown link cannot hold escaped too. */
function commandArgs(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
