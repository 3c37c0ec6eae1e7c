import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/loadConfig';
import type { FolderRegistry, ProcsFolder } from './folders';
import { proposeConfig } from './proposeConfig';
import type { ProcessRef } from './targets';

/** Opening, creating and pointing into `.procs.json`. */
export class ConfigFiles {
  constructor(private readonly registry: FolderRegistry) {}

  async open(file: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    return vscode.window.showTextDocument(document);
  }

  /** Opens the config and selects the process's entry (`"api": { ... }`). */
  async reveal({ entry, process }: ProcessRef): Promise<void> {
    const editor = await this.open(entry.configFile);
    const document = editor.document;
    const root = parseTree(document.getText());
    const value = root && findNodeAtLocation(root, ['processes', process.spec.name]);
    const property = value?.parent ?? value;
    if (!property) return;
    const range = new vscode.Range(document.positionAt(property.offset), document.positionAt(property.offset + property.length));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Opens the config with its first error selected (the first problem when none is an error). */
  async openAtFirstError(entry: ProcsFolder): Promise<void> {
    const editor = await this.open(entry.configFile);
    const problem = entry.problems.find((candidate) => candidate.severity === 'error') ?? entry.problems[0];
    if (!problem || problem.file !== entry.configFile) return;
    const document = editor.document;
    const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * Writes a `.procs.json` proposed from the folder's package.json scripts and Procfile, then opens it.
   * The file watcher picks it up like any other new config. A `.procs.json` already there is opened instead.
   */
  async create(folder: vscode.WorkspaceFolder): Promise<void> {
    const existing = this.registry.get(folder.uri);
    if (existing) {
      await this.open(existing.configFile);
      return;
    }
    const target = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    // One may be there and not loaded yet (just written, or read while the window opens): it is the user's, never replaced.
    if (await readText(target) !== undefined) {
      await this.open(target.fsPath);
      await this.registry.refresh(folder);
      return;
    }
    const proposal = proposeConfig(await readText(vscode.Uri.joinPath(folder.uri, 'package.json')), await readText(vscode.Uri.joinPath(folder.uri, 'Procfile')));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(proposal, undefined, 2)}\n`));
    await this.open(target.fsPath);
    await this.registry.refresh(folder);
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
