import * as vscode from 'vscode';
import type { OutputBatch } from '../core/process/outputTypes';
import type { FolderRegistry, ProcsFolder } from './folders';
import { lifecycleLine, lifecycleText } from '../core/process/lifecycleText';
import { formatLine } from '../core/process/outputFormat';

/** `Procs: api`, or `Procs: api (web)` in a multi-root workspace. */
export function outputChannelName(folderName: string, processName: string): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return multiRoot ? `Procs: ${processName} (${folderName})` : `Procs: ${processName}`;
}

/**
 * One OutputChannel per process instance, created on first need and disposed when the
 * process leaves the config. Each batch of lines becomes a single `append`.
 */
export class OutputChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      registry.onOutput(({ folder, value }) => {
        if (folder.supervisor.get(value.name)) this.appendBatch(folder, value);
      }),
      registry.onDidChangeState(({ folder, value }) => {
        const text = lifecycleText(value);
        // A process removed from the config still reports its last stop: its channel is gone by then.
        if (text !== undefined && folder.supervisor.get(value.name)) this.lifecycle(folder, value.name, text);
      }),
      registry.onDidChangeProcesses((folder) => this.prune(folder)),
      registry.onDidChangeFolders(() => this.pruneFolders()),
    ];
  }

  /** Writes `── text ──` to the process's channel. */
  lifecycle(folder: ProcsFolder, processName: string, text: string): void {
    this.channel(folder, processName).appendLine(lifecycleLine(text));
  }

  show(folder: ProcsFolder, processName: string): void {
    this.channel(folder, processName).show(true);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
  }

  private appendBatch(folder: ProcsFolder, batch: OutputBatch): void {
    const output = folder.supervisor.get(batch.name)?.spec.output;
    if (!output) return;
    const text = batch.lines.map((line) => formatLine(line, output, 'text')).join('\n');
    this.channel(folder, batch.name).append(`${text}\n`);
  }

  private channel(folder: ProcsFolder, processName: string): vscode.OutputChannel {
    const key = channelKey(folder, processName);
    let channel = this.channels.get(key);
    if (!channel) {
      channel = vscode.window.createOutputChannel(outputChannelName(folder.folder.name, processName));
      this.channels.set(key, channel);
    }
    return channel;
  }

  /** Drops the channels of processes that are no longer in their folder's config. */
  private prune(folder: ProcsFolder): void {
    const prefix = channelKey(folder, '');
    const names = new Set(folder.supervisor.processes.map((process) => channelKey(folder, process.name)));
    this.dropWhere((key) => key.startsWith(prefix) && !names.has(key));
  }

  private pruneFolders(): void {
    const prefixes = this.registry.all.map((folder) => channelKey(folder, ''));
    this.dropWhere((key) => !prefixes.some((prefix) => key.startsWith(prefix)));
  }

  private dropWhere(predicate: (key: string) => boolean): void {
    for (const [key, channel] of this.channels) {
      if (!predicate(key)) continue;
      channel.dispose();
      this.channels.delete(key);
    }
  }
}

function channelKey(folder: ProcsFolder, processName: string): string {
  return `${folder.folder.uri.toString()}\n${processName}`;
}
