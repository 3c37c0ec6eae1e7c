import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { configStamp } from '../core/config/configStamp';
import { CONFIG_SETTLE_MS, findConfigFile, loadConfig } from '../core/config/loadConfig';
import type { ConfigProblem } from '../core/config/types';
import { FloodThrottle } from '../core/process/floodThrottle';
import { stopLeftovers, type Leftover } from '../core/process/leftovers';
import type { OutputBatch } from '../core/process/outputTypes';
import type { ProcessStateChange } from '../core/process/states';
import { Supervisor } from '../core/supervisor';

/** A workspace folder that has a `.procs.json`, with the one Supervisor that runs it. */
export interface ProcsFolder {
  readonly folder: vscode.WorkspaceFolder;
  readonly supervisor: Supervisor;
  /** Absolute path of the config file. */
  readonly configFile: string;
  /** Problems of the last load; errors mean the last good config is still the one running. */
  problems: ConfigProblem[];
  /** What an earlier supervisor of this config (a crashed extension host) left running, stopped before anything started. */
  leftovers: LeftoversStopped | undefined;
}

export interface LeftoversStopped {
  /** When the last of them was gone (epoch ms): every process of ours starts after this. */
  at: number;
  list: Leftover[];
}

export interface FolderEvent<T> {
  folder: ProcsFolder;
  value: T;
}

export interface ConfigLoaded {
  file: string;
  problems: ConfigProblem[];
}

/** Decides whether a folder that just got its supervisor should bring its processes up. */
export type StartOnOpen = (folder: ProcsFolder) => boolean;

const SHUTDOWN_GRACE_MS = 2500;

/**
 * One Supervisor per workspace folder with a `.procs.json`, keyed by folder URI.
 * Supervisor events are re-fired with their folder, so each adapter subscribes once.
 * Loads of one folder are serialised: a second change waits for the first apply.
 */
export class FolderRegistry implements vscode.Disposable {
  private readonly folders = new Map<string, ProcsFolder>();
  private readonly subscriptions = new Map<string, vscode.Disposable>();
  private readonly pending = new Map<string, Promise<void>>();
  /** Change events still settling, a folder each: their timer, and the refresh they will make. */
  private readonly settling = new Map<string, { timer: NodeJS.Timeout; done: Promise<void> }>();
  /** Each folder's config file as it was when last loaded (configStamp), to catch a change the file watcher missed. */
  private readonly stamps = new Map<string, string>();

  private readonly foldersEmitter = new vscode.EventEmitter<void>();
  private readonly stateEmitter = new vscode.EventEmitter<FolderEvent<ProcessStateChange>>();
  private readonly outputEmitter = new vscode.EventEmitter<FolderEvent<OutputBatch>>();
  private readonly processesEmitter = new vscode.EventEmitter<ProcsFolder>();
  private readonly loadedEmitter = new vscode.EventEmitter<ConfigLoaded>();
  private readonly leftoversEmitter = new vscode.EventEmitter<ProcsFolder>();

  /** A folder gained or lost its supervisor. */
  readonly onDidChangeFolders = this.foldersEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onOutput = this.outputEmitter.event;
  /** A config was applied: processes were added, replaced or removed. */
  readonly onDidChangeProcesses = this.processesEmitter.event;
  /** A config file was read (or vanished: no problems). */
  readonly onDidLoadConfig = this.loadedEmitter.event;
  /** Processes left by an earlier supervisor of a folder's config were found and stopped. */
  readonly onDidStopLeftovers = this.leftoversEmitter.event;

  constructor(private readonly startOnOpen: StartOnOpen) {}

  /** In workspace folder order, whichever config loaded first. */
  get all(): ProcsFolder[] {
    return [...this.folders.values()].sort((a, b) => a.folder.index - b.folder.index);
  }

  get(folderUri: vscode.Uri | string): ProcsFolder | undefined {
    return this.folders.get(folderUri.toString());
  }

  /** The folder whose tree holds this file, if it has a supervisor. */
  forFile(uri: vscode.Uri): ProcsFolder | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.get(folder.uri);
  }

  /** Looks for the folder's config again and loads, applies or drops it. */
  refresh(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.enqueue(folder.uri.toString(), () => this.load(folder));
  }

  /**
   * A change event for the folder's config: refreshed once no event came for CONFIG_SETTLE_MS, and
   * pending from now, so `ready()` (Start All, Restart All) waits for the file as saved.
   */
  refreshSoon(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const settling = this.settling.get(key);
    if (settling) {
      settling.timer.refresh();
      return settling.done;
    }
    let settled = (): void => undefined;
    const settle = new Promise<void>((resolve) => (settled = resolve));
    const timer = setTimeout(() => {
      this.settling.delete(key);
      settled();
    }, CONFIG_SETTLE_MS);
    const done = this.enqueue(key, () => settle.then(() => this.load(folder)));
    this.settling.set(key, { timer, done });
    return done;
  }

  /** Runs `operation` after the folder's earlier ones; pending (see `ready`) until it is done. */
  private enqueue(key: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.pending.get(key) ?? Promise.resolve();
    const tracked = previous.then(operation).finally(() => {
      if (this.pending.get(key) === tracked) this.pending.delete(key);
    });
    this.pending.set(key, tracked);
    return tracked;
  }

  /**
   * Loads again each folder whose config file changed since its last load. File watchers miss
   * changes (one not yet running, the system's limit of watches reached): this runs when the
   * Procs view is shown and when the window gets the focus back.
   */
  async recheck(): Promise<void> {
    await Promise.all(
      (vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
        const key = folder.uri.toString();
        await this.pending.get(key); // a load under way takes its stamp first
        const changed = (await configStamp(folder.uri.fsPath)) !== (this.stamps.get(key) ?? 'none');
        // Not for a folder that left the workspace meanwhile: it would get a supervisor back.
        if (changed && vscode.workspace.getWorkspaceFolder(folder.uri)?.uri.toString() === key) await this.refresh(folder);
      }),
    );
  }

  /** Resolves when no load is under way any more. */
  async ready(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending.values()]);
  }

  /** The folder left the workspace or lost its config: its processes stop. */
  async remove(folderUri: vscode.Uri): Promise<void> {
    const key = folderUri.toString();
    const entry = this.folders.get(key);
    this.stamps.delete(key);
    if (!entry) return;
    this.folders.delete(key);
    this.foldersEmitter.fire();
    this.loadedEmitter.fire({ file: entry.configFile, problems: [] });
    await entry.supervisor.dispose();
    this.subscriptions.get(key)?.dispose();
    this.subscriptions.delete(key);
  }

  /**
   * Stops every process tree of every folder (the deactivate path). VS Code waits about
   * 5 s for deactivate, so a process that ignores its stop signal is killed well before that.
   */
  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((entry) => entry.supervisor.stopAll({ graceMs: SHUTDOWN_GRACE_MS })));
  }

  dispose(): void {
    for (const { timer } of this.settling.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions.values()) subscription.dispose();
    const emitters = [this.foldersEmitter, this.stateEmitter, this.outputEmitter, this.processesEmitter, this.loadedEmitter, this.leftoversEmitter];
    for (const emitter of emitters) {
      emitter.dispose();
    }
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    // Taken before the read: a change during it makes the next recheck load again; dropped if the load fails.
    const key = folder.uri.toString();
    this.stamps.set(key, await configStamp(folder.uri.fsPath));
    try {
      await this.readAndApply(folder);
    } catch (error) {
      this.stamps.delete(key);
      throw error;
    }
  }

  private async readAndApply(folder: vscode.WorkspaceFolder): Promise<void> {
    const file = await findConfigFile(folder.uri.fsPath);
    if (!file) {
      await this.remove(folder.uri);
      return;
    }
    const result = await loadConfig(file);
    const existing = this.get(folder.uri);
    const entry = existing ?? this.add(folder, file);
    // A host that crashed (or was killed) left its children running, holding their ports: gone first.
    if (!existing) await this.stopLeftovers(entry);
    entry.problems = result.problems;
    this.loadedEmitter.fire({ file, problems: result.problems });
    await entry.supervisor.apply(result);
    if (!existing && this.startOnOpen(entry)) {
      entry.supervisor.up().catch((error: unknown) => {
        void vscode.window.showErrorMessage(`Procs: could not start the processes of ${folder.name}: ${String(error)}`);
      });
    }
  }

  private async stopLeftovers(entry: ProcsFolder): Promise<void> {
    const list = await stopLeftovers(entry.configFile);
    if (list.length === 0) return;
    entry.leftovers = { at: Date.now(), list };
    this.leftoversEmitter.fire(entry);
  }

  private add(folder: vscode.WorkspaceFolder, configFile: string): ProcsFolder {
    const supervisor = new Supervisor();
    const entry: ProcsFolder = { folder, supervisor, configFile, problems: [], leftovers: undefined };
    const key = folder.uri.toString();
    this.folders.set(key, entry);
    this.subscriptions.set(
      key,
      vscode.Disposable.from(
        supervisor.onDidChangeState((value) => this.stateEmitter.fire({ folder: entry, value })),
        supervisor.onOutput((value) => this.outputEmitter.fire({ folder: entry, value })),
        supervisor.onDidChangeProcesses(() => this.processesEmitter.fire(entry)),
        new FloodThrottle(supervisor.outputGate, supervisor.onOutput, systemClock),
      ),
    );
    this.foldersEmitter.fire();
    return entry;
  }
}
