import * as vscode from 'vscode';
import type { Inspector } from '../core/debug/inspector';
import type { ManagedProcess } from '../core/process/managedProcess';
import type { ProcessStateChange } from '../core/process/states';
import type { FolderRegistry, ProcsFolder } from './folders';
import type { ProcessRef } from './targets';
import { mayRunProcesses } from './trust';

/** One inspector we attached VS Code's JavaScript debugger to. */
interface Attached {
  entry: ProcsFolder;
  name: string;
  session: vscode.DebugSession | undefined;
}

/** Where js-debug lives; without it there is nothing to attach. */
export const JS_DEBUG_EXTENSION = 'ms-vscode.js-debug';

/**
 * Attaches VS Code's JavaScript debugger to every inspector a debugged process announces, so each
 * restart (a save, a crash) is attached again by itself. A session the user ends while its process
 * still serves that inspector turns debugging off, which restarts the process without it.
 */
export class DebugSessions implements vscode.Disposable {
  /** By inspector URL. */
  private readonly attached = new Map<string, Attached>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(registry: FolderRegistry) {
    this.subscriptions = [
      registry.onDidChangeState(({ folder, value }) => this.onState(folder, value)),
      vscode.debug.onDidStartDebugSession((session) => {
        const attached = this.attached.get(inspectorOf(session) ?? '');
        if (attached && !session.parentSession) attached.session = session;
      }),
      vscode.debug.onDidTerminateDebugSession((session) => this.onEnded(session)),
    ];
  }

  /** The Debug action: the process restarts (or starts) with the inspector, and is attached once it says where. */
  async debug({ entry, process }: ProcessRef): Promise<void> {
    if (!mayRunProcesses()) return;
    if (!vscode.extensions.getExtension(JS_DEBUG_EXTENSION)) {
      void vscode.window.showErrorMessage(`Procs: cannot debug ${process.name}: VS Code's JavaScript debugger (${JS_DEBUG_EXTENSION}) is not installed.`);
      return;
    }
    await process.setDebugging(true);
    // Already debugged and its inspector known: attach again what is not attached (a session the user detached).
    this.attachAll(entry, process);
  }

  /** Stop Debugging: the process restarts without the inspector; its sessions end with the old run. */
  async stopDebugging({ process }: ProcessRef): Promise<void> {
    if (!process.state.debug) {
      void vscode.window.showInformationMessage(`Procs: ${process.name} is not being debugged.`);
      return;
    }
    await process.setDebugging(false);
  }

  /** The sessions attached to a process now, for tests and the tree. */
  sessionsOf(entry: ProcsFolder, name: string): vscode.DebugSession[] {
    return [...this.attached.values()].filter((a) => a.entry === entry && a.name === name).flatMap((a) => (a.session ? [a.session] : []));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private onState(entry: ProcsFolder, { name, previous, current }: ProcessStateChange): void {
    const process = entry.supervisor.get(name);
    if (!process || !current.debug) return;
    const unavailable = current.debug.unavailable;
    if (unavailable !== undefined && previous.debug?.unavailable === undefined) {
      void vscode.window.showWarningMessage(`Procs: ${name} ${unavailable}.`);
      void process.setDebugging(false);
      return;
    }
    this.attachAll(entry, process);
  }

  private attachAll(entry: ProcsFolder, process: ManagedProcess): void {
    for (const inspector of process.state.debug?.inspectors ?? []) {
      if (!this.attached.has(inspector.url)) void this.attach(entry, process, inspector);
    }
  }

  private async attach(entry: ProcsFolder, process: ManagedProcess, inspector: Inspector): Promise<void> {
    this.attached.set(inspector.url, { entry, name: process.name, session: undefined });
    const configuration: vscode.DebugConfiguration = {
      type: 'node',
      request: 'attach',
      name: `Procs: ${process.name}`,
      address: inspector.host,
      port: inspector.port,
      // The exact target: no guess at which process on that port is meant.
      websocketAddress: inspector.url,
      cwd: process.spec.cwd,
      sourceMaps: true,
      // Procs attaches each new run itself; js-debug's own retries would race it.
      restart: false,
      continueOnAttach: true,
    };
    const started = await vscode.debug.startDebugging(entry.folder, configuration);
    if (!started) {
      this.attached.delete(inspector.url);
      void vscode.window.showErrorMessage(`Procs: the JavaScript debugger could not attach to ${process.name} at ${inspector.url}.`);
    }
  }

  private onEnded(session: vscode.DebugSession): void {
    if (session.parentSession) return;
    const url = inspectorOf(session);
    const attached = url === undefined ? undefined : this.attached.get(url);
    if (!url || !attached) return;
    this.attached.delete(url);
    const process = attached.entry.supervisor.get(attached.name);
    const state = process?.state;
    // The run still serves that inspector: the user ended the session, not a restart or a stop.
    const stillServing = (state?.status === 'running' || state?.status === 'starting') && state.debug?.inspectors.some((i) => i.url === url);
    if (process && stillServing) void process.setDebugging(false);
  }
}

function inspectorOf(session: vscode.DebugSession): string | undefined {
  const address: unknown = session.configuration.websocketAddress;
  return typeof address === 'string' ? address : undefined;
}
