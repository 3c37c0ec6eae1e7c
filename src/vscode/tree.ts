import * as vscode from 'vscode';
import type { FolderRegistry, ProcsFolder } from './folders';
import { isTicking } from './stateLook';
import { FolderNode, GroupNode, MessageNode, ProcessNode, type TreeNode } from './treeNodes';

const TICK_MS = 1000;

/**
 * The Procs view. Multi-root: a node per folder; one folder: its processes at the top.
 * Nodes are rebuilt on every refresh (they are cheap); ids keep the expansion state.
 * A one-second timer keeps uptimes and countdowns fresh, only while something is running or backing off.
 */
export class ProcsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  private ticker: NodeJS.Timeout | undefined;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      registry.onDidChangeFolders(() => this.refresh()),
      registry.onDidChangeProcesses(() => this.refresh()),
      registry.onDidChangeState(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    ];
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
    this.updateTicker();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    if (node instanceof FolderNode) return this.folderChildren(node.entry, node);
    if (node instanceof GroupNode) {
      const now = Date.now();
      return node.entry.supervisor.processes
        .filter((process) => process.spec.groups[0] === node.group)
        .map((process) => new ProcessNode(node.entry, process, node, now));
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  dispose(): void {
    clearInterval(this.ticker);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }

  /** Untrusted or without configs the tree is empty, so the view's welcome content explains why. */
  private roots(): TreeNode[] {
    if (!vscode.workspace.isTrusted) return [];
    const folders = this.registry.all;
    const [single] = folders;
    if ((vscode.workspace.workspaceFolders?.length ?? 0) <= 1 && single && folders.length === 1) {
      return this.folderChildren(single, undefined);
    }
    return folders.map((entry) => new FolderNode(entry));
  }

  private folderChildren(entry: ProcsFolder, parent: FolderNode | undefined): TreeNode[] {
    const nodes: TreeNode[] = [];
    if (entry.problems.some((problem) => problem.severity === 'error')) {
      const text = entry.supervisor.config ? '.procs.json has errors: the last good version is running' : '.procs.json has errors: see Problems';
      nodes.push(new MessageNode(text, parent, 'warning'));
    }
    const now = Date.now();
    const groups = new Set<string>();
    for (const process of entry.supervisor.processes) {
      const group = process.spec.groups[0];
      if (group === undefined) nodes.push(new ProcessNode(entry, process, parent, now));
      else if (!groups.has(group)) {
        groups.add(group);
        nodes.push(new GroupNode(entry, group, parent));
      }
    }
    if (nodes.length === 0) nodes.push(new MessageNode('No processes in .procs.json', parent));
    return nodes;
  }

  private updateTicker(): void {
    const ticking = this.registry.all.some((entry) => entry.supervisor.processes.some((process) => isTicking(process.state.status)));
    if (ticking && !this.ticker) this.ticker = setInterval(() => this.changeEmitter.fire(undefined), TICK_MS);
    if (!ticking && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
