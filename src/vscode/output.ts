import * as path from 'path';
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import type { ManagedProcess } from '../core/process/managedProcess';
import type { OutputBatch } from '../core/process/outputTypes';
import { lifecycleText } from '../core/process/lifecycleText';
import { formatLine } from '../core/process/outputFormat';
import { ChannelWindow } from './channelWindow';
import type { FolderRegistry, ProcsFolder } from './folders';

/** `Procs: api`, or `Procs: api (web)` in a multi-root workspace. */
export function outputChannelName(folderName: string, processName: string): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return multiRoot ? `Procs: ${processName} (${folderName})` : `Procs: ${processName}`;
}

interface Channel {
  channel: vscode.OutputChannel;
  window: ChannelWindow;
}

/**
 * One OutputChannel per process instance, created on first need and disposed when the
 * process leaves the config. What it is given is rate-limited and bounded by a ChannelWindow.
 */
export class OutputChannels implements vscode.Disposable {
  private readonly channels = new Map<string, Channel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      registry.onOutput(({ folder, value }) => {
        if (this.current(folder, value.name)) this.appendBatch(folder, value);
      }),
      registry.onDidChangeState(({ folder, value }) => {
        const text = lifecycleText(value);
        if (text !== undefined && this.current(folder, value.name)) this.lifecycle(folder, value.name, text);
      }),
      registry.onDidChangeProcesses((folder) => this.prune(folder)),
      registry.onDidChangeFolders(() => this.pruneFolders()),
    ];
  }

  /** Writes a lifecycle line (`text` between rules) to the process's channel. */
  lifecycle(folder: ProcsFolder, processName: string, text: string): void {
    this.channel(folder, processName).window.addOwn(text);
  }

  show(folder: ProcsFolder, processName: string): void {
    const { channel, window } = this.channel(folder, processName);
    window.flush();
    channel.show(true);
  }

  /** What the channel of a process holds now (for tests and figures), if it has one. */
  windowOf(folder: ProcsFolder, processName: string): { lines: number; notShown: number } | undefined {
    const window = this.channels.get(channelKey(folder, processName))?.window;
    return window && { lines: window.shownLines, notShown: window.notShown };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const channel of this.channels.values()) disposeChannel(channel);
    this.channels.clear();
  }

  /**
   * A process of a folder still in the registry, in its config. A removed process, or every process
   * of a folder that left, still reports its last stop: its channel is gone by then, and is not made again.
   */
  private current(folder: ProcsFolder, processName: string): boolean {
    return this.registry.get(folder.folder.uri) === folder && folder.supervisor.get(processName) !== undefined;
  }

  private appendBatch(folder: ProcsFolder, batch: OutputBatch): void {
    this.channel(folder, batch.name).window.addOutput(batch.blocks);
  }

  private channel(folder: ProcsFolder, processName: string): Channel {
    const key = channelKey(folder, processName);
    let entry = this.channels.get(key);
    if (!entry) {
      const channel = vscode.window.createOutputChannel(outputChannelName(folder.folder.name, processName));
      const process = (): ManagedProcess | undefined => folder.supervisor.get(processName);
      const window = new ChannelWindow(channel, {
        format: (line) => {
          const output = process()?.spec.output;
          return output ? formatLine(line, output, 'text') : line.text;
        },
        keptIn: () => {
          const file = process()?.logFile;
          return file && displayPath(folder.folder.uri.fsPath, file);
        },
        clock: systemClock,
      });
      entry = { channel, window };
      this.channels.set(key, entry);
    }
    return entry;
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
      disposeChannel(channel);
      this.channels.delete(key);
    }
  }
}

function channelKey(folder: ProcsFolder, processName: string): string {
  return `${folder.folder.uri.toString()}\n${processName}`;
}

function disposeChannel({ channel, window }: Channel): void {
  window.dispose();
  channel.dispose();
}

/** `logs/api.log` inside the folder, the absolute path outside it. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
