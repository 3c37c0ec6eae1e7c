import type * as vscode from 'vscode';
import type { Supervisor } from '../core/supervisor';
import type { FailureNoticeShown } from './crashNotice';
import type { LeftoversStopped } from './folders';
import type { TerminalWrite } from './processTerminals';
import type { TreeNode } from './treeNodes';

/**
 * What `activate()` returns, for tests and other extensions:
 * `(await vscode.extensions.getExtension('procs.procs').activate()) as ProcsApi`.
 */
export interface ProcsApi {
  /** How long `activate()` itself took, in ms (reported as a figure; the target is under 50 ms). */
  activationMs: number;
  /** One supervisor per workspace folder with a `.procs.json`, keyed by folder URI string. */
  supervisors(): ReadonlyMap<string, Supervisor>;
  supervisorFor(folderUri: vscode.Uri | string): Supervisor | undefined;
  /** What an abruptly ended earlier host left running for this folder, stopped before anything started. */
  leftoversFor(folderUri: vscode.Uri | string): LeftoversStopped | undefined;
  /** Resolves when every config found so far is loaded and applied. */
  ready(): Promise<void>;
  /** The data behind the Procs view. */
  tree: vscode.TreeDataProvider<TreeNode>;
  /** The name of a process's Output channel, e.g. `Procs: api` or `Procs: api (web)`. */
  outputChannelName(folder: vscode.WorkspaceFolder, processName: string): string;
  /** What a process's Output channel holds now: its lines, and how many of the process's lines it no longer shows. */
  outputWindow(folderUri: vscode.Uri | string, processName: string): { lines: number; notShown: number } | undefined;
  /** Fires with whatever a Procs terminal ("Open in Terminal") is sent. */
  onDidWriteTerminal: vscode.Event<TerminalWrite>;
  /** The status bar summary, e.g. `$(pulse) 3/4`; empty when no folder has a config. */
  statusBarText(): string;
  /** The summary's tooltip, e.g. `Procs: 2 of 3 ready` (ready: running, its readiness probe passed). */
  statusBarTooltip(): string;
  /** True while the summary shows the warning background (a process failed, backs off, or crashed and has not yet run well). */
  statusBarWarning(): boolean;
  /** The Procs view's badge: the number of processes that failed or back off; undefined when none do. */
  viewBadge(): vscode.ViewBadge | undefined;
  /** The failure notifications up now: each closes once its process is started again or removed. */
  failureNotices(): FailureNoticeShown[];
  /** The JavaScript debugger's sessions Procs attached to a process's current inspectors. */
  debugSessionsOf(folderUri: vscode.Uri | string, processName: string): vscode.DebugSession[];
  /** What deactivation does: stops every process tree of every folder. */
  stopAll(): Promise<void>;
}
