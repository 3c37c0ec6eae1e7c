import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { lifecycleText } from '../core/process/lifecycleText';
import type { ManagedProcess } from '../core/process/managedProcess';
import { formatLine } from '../core/process/outputFormat';
import { linesOf, type OutputLine } from '../core/process/outputTypes';
import type { FolderRegistry, ProcsFolder } from './folders';
import { outputChannelName } from './output';
import { TerminalSession } from './terminalSession';

/** What a Procs terminal was sent, for tests and other extensions. */
export interface TerminalWrite {
  terminal: vscode.Terminal;
  data: string;
}

/**
 * "Open in Terminal": a process in a terminal of its own (a Pseudoterminal), its recent output
 * first, then live output with colours; typed lines go to its stdin, Ctrl+C stops it, closing the
 * terminal leaves it running. One terminal per process instance, shown again when asked twice.
 */
export class ProcessTerminals implements vscode.Disposable {
  /** Each with the folder entry it shows: one whose folder left (or lost its config) is closed with it. */
  private readonly terminals = new Map<string, { terminal: vscode.Terminal; entry: ProcsFolder }>();
  private readonly writeEmitter = new vscode.EventEmitter<TerminalWrite>();
  readonly onDidWrite = this.writeEmitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      vscode.window.onDidCloseTerminal((closed) => {
        for (const [key, { terminal }] of this.terminals) if (terminal === closed) this.terminals.delete(key);
      }),
      // Its processes are gone with it; a config that comes back is a new entry, shown in a new terminal.
      registry.onDidChangeFolders(() => {
        for (const [key, { terminal, entry }] of this.terminals) {
          if (registry.all.includes(entry)) continue;
          this.terminals.delete(key);
          terminal.dispose();
        }
      }),
    ];
  }

  show(entry: ProcsFolder, name: string): vscode.Terminal {
    const key = `${entry.folder.uri.toString()}\n${name}`;
    let terminal = this.terminals.get(key)?.terminal;
    if (!terminal) {
      const pty = this.pty(entry, name, () => terminal);
      terminal = vscode.window.createTerminal({ name: outputChannelName(entry.folder.name, name), pty, iconPath: new vscode.ThemeIcon('server-process') });
      this.terminals.set(key, { terminal, entry });
    }
    terminal.show();
    return terminal;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const { terminal } of this.terminals.values()) terminal.dispose();
    this.terminals.clear();
    this.writeEmitter.dispose();
  }

  private pty(entry: ProcsFolder, name: string, terminal: () => vscode.Terminal | undefined): vscode.Pseudoterminal {
    const emitter = new vscode.EventEmitter<string>();
    // A config reload may replace the process: it is looked up by name each time.
    const process = (): ManagedProcess | undefined => entry.supervisor.get(name);
    const shown = (line: OutputLine): string => {
      const output = process()?.spec.output;
      return output ? formatLine(line, output, 'colorTerminal') : line.text;
    };
    const session = new TerminalSession(
      {
        write: (text) => process()?.writeInput(text) ?? false,
        hasStdin: () => process()?.spec.stdin ?? false,
        running: () => process()?.state.pid !== undefined,
        endInput: () => process()?.endInput(),
        interrupt: () => void entry.supervisor.stop([name]),
        keptIn: () => process()?.logFile,
      },
      (data) => {
        emitter.fire(data);
        const target = terminal();
        if (target) this.writeEmitter.fire({ terminal: target, data });
      },
      systemClock,
    );
    let listening: vscode.Disposable | undefined;
    return {
      onDidWrite: emitter.event,
      open: () => {
        // History and the subscription in one turn: no batch can fall between them.
        session.lines((process()?.recentOutput() ?? []).map(shown));
        session.flush();
        listening = vscode.Disposable.from(
          this.registry.onOutput(({ folder, value }) => {
            if (folder === entry && value.name === name) session.lines(linesOf(value.blocks).map(shown));
          }),
          this.registry.onDidChangeState(({ folder, value }) => {
            const text = folder === entry && value.name === name ? lifecycleText(value) : undefined;
            if (text !== undefined) session.own(text);
          }),
        );
      },
      close: () => {
        listening?.dispose();
        session.dispose();
        emitter.dispose();
      },
      handleInput: (data) => session.input(data),
    };
  }
}
