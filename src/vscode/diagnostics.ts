import * as path from 'path';
import * as vscode from 'vscode';
import { diskFiles } from '../core/config/configFiles';
import { CONFIG_FILE_NAME } from '../core/config/loadConfig';
import { parseConfig } from '../core/config/parseConfig';
import type { ConfigProblem } from '../core/config/types';
import type { FolderRegistry } from './folders';

const TYPING_DELAY_MS = 300;

/**
 * Problems of `.procs.json` in the Problems panel: from every load of the file, and while it is
 * edited (parsed on a short debounce, never applied: only a saved file is applied).
 *
 * One source per problem. VS Code's JSON language service validates an open `.procs.json`
 * against the editor's copy of the schema, which has no constraints (scripts/lib/editorSchema.mjs),
 * so Procs reports every schema and rule problem, with the severity it acts on. The syntax errors
 * and keys written twice that the language service reports itself in an open document are left
 * to it there; for a file not open (or with JSON validation turned off) Procs reports them too.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('procs');
  private readonly subscriptions: vscode.Disposable[];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The last problems of each config, shown again when its document opens or closes. */
  private readonly latest = new Map<string, readonly ConfigProblem[]>();

  constructor(registry: FolderRegistry) {
    this.subscriptions = [
      registry.onDidLoadConfig(({ file, problems }) => this.show(file, problems)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.scheduleParse(document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.showAgain(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.showAgain(document)),
    ];
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private showAgain(document: vscode.TextDocument): void {
    const problems = isConfigDocument(document) ? this.latest.get(document.uri.fsPath) : undefined;
    if (problems) this.show(document.uri.fsPath, problems);
  }

  private scheduleParse(document: vscode.TextDocument): void {
    if (!isConfigDocument(document)) return;
    const file = document.uri.fsPath;
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.show(file, parseConfig(document.getText(), file, diskFiles).problems);
      }, TYPING_DELAY_MS),
    );
  }

  private show(file: string, problems: readonly ConfigProblem[]): void {
    this.latest.set(file, problems);
    const byFile = new Map<string, vscode.Diagnostic[]>([[file, []]]);
    for (const problem of problems) {
      if (problem.kind === 'json' && jsonServiceReports(problem.file)) continue;
      const list = byFile.get(problem.file) ?? [];
      list.push(toDiagnostic(problem));
      byFile.set(problem.file, list);
    }
    for (const [target, diagnostics] of byFile) this.collection.set(vscode.Uri.file(target), diagnostics);
  }
}

function isConfigDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && path.basename(document.uri.fsPath) === CONFIG_FILE_NAME;
}

/** VS Code's JSON support validates open JSON documents, unless the user turned that off. */
function jsonServiceReports(file: string): boolean {
  const open = vscode.workspace.textDocuments.some((document) => document.uri.fsPath === file && !document.isClosed);
  return open && vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true);
}

function toDiagnostic(problem: ConfigProblem): vscode.Diagnostic {
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(rangeOf(problem), problem.message, severity);
  diagnostic.source = 'procs';
  return diagnostic;
}

/** Exact through an open document; from line and column otherwise. */
function rangeOf(problem: ConfigProblem): vscode.Range {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.fsPath === problem.file);
  if (document) return new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
  const start = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  return new vscode.Range(start, start.translate(0, problem.length));
}
