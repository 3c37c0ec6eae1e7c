import * as vscode from 'vscode';
import type { ManagedProcess } from '../core/process/managedProcess';
import type { FolderRegistry, ProcsFolder } from './folders';
import { isTicking } from './stateLook';
import { ConfigProblemNode, FolderNode, GroupNode, MessageNode, ProcessNode, processNodeId, type TreeNode } from './treeNodes';

const TICK_MS = 1000;

/**
 * The Procs view. Multi-root: a node per folder; one folder: its processes at the top.
 * A change of structure (folders, processes, the config's errors) rebuilds the tree; anything else
 * (a state, a reload of an unchanged config) refreshes just the rows concerned, in place. While VS
 * Code rebuilds a tree it knows none of its rows, so a click on an inline button in that moment runs
 * the command without its row: each save (reported twice) used to rebuild the tree several times. The
 * one-second timer (only while something runs or backs off) sends a row only when its text changed
 * (a countdown each second, an uptime each minute): every row sent closes its tooltip.
 */
export class ProcsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  private ticker: NodeJS.Timeout | undefined;
  /** The row of each process now on screen, by node id. */
  private readonly processNodes = new Map<string, ProcessNode>();
  /** What the tree was last built from (`shapeNow`). */
  private shape: readonly unknown[] = [];

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly registry: FolderRegistry) {
    this.subscriptions = [
      registry.onDidChangeFolders(() => this.refresh()),
      registry.onDidChangeProcesses(() => this.refresh()),
      // A config with errors changes no process, but the view says so in a row of its own.
      registry.onDidLoadConfig(() => this.refresh()),
      registry.onDidChangeState(({ folder, value }) => this.refreshProcess(folder, value.name)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    ];
  }

  /** Rebuilds the tree if its shape changed, else sends again, in place, the rows that now read differently. */
  refresh(): void {
    const shape = this.shapeNow();
    if (shape.length === this.shape.length && shape.every((part, index) => part === this.shape[index])) {
      const now = Date.now();
      // Sent only when the row reads differently (a setting): every row sent closes its tooltip.
      for (const node of this.processNodes.values()) if (node.update(now)) this.changeEmitter.fire(node);
    } else {
      this.shape = shape;
      this.processNodes.clear();
      this.changeEmitter.fire(undefined);
    }
    this.updateTicker();
  }

  /** Everything the tree's rows are made from, beyond the state of each process. */
  private shapeNow(): unknown[] {
    const shape: unknown[] = [vscode.workspace.isTrusted, vscode.workspace.workspaceFolders?.length ?? 0];
    for (const entry of this.registry.all) {
      const errors = entry.problems.filter((problem) => problem.severity === 'error');
      shape.push(entry, errors.map((problem) => `${problem.line}:${problem.column} ${problem.message}`).join('\n'), entry.supervisor.config !== undefined);
      // A changed spec (its groups too) comes as a new ManagedProcess: the object stands for all of it.
      shape.push(...entry.supervisor.processes);
    }
    return shape;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node;
  }

  /**
   * Process tooltips are built on hover, so they are current and cost nothing until asked for. A
   * running process whose last reading is missing or older than one interval (the view was hidden,
   * so nothing sampled) gets one reading first: the tooltip always has its ports and memory.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    if (!(node instanceof ProcessNode)) return item;
    const fill = (): vscode.TreeItem => {
      item.tooltip = node.tooltipAt(Date.now());
      return item;
    };
    return node.needsSample(Date.now()) ? node.entry.supervisor.resources.sampleNow().then(fill) : fill();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    if (node instanceof FolderNode) return this.folderChildren(node.entry, node);
    if (node instanceof GroupNode) {
      const now = Date.now();
      return node.entry.supervisor.processes
        .filter((process) => process.spec.groups[0] === node.group)
        .map((process) => this.processNode(node.entry, process, node, now));
    }
    if (node instanceof ProcessNode) return node.ports();
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
    if (entry.problems.some((problem) => problem.severity === 'error')) nodes.push(new ConfigProblemNode(entry, parent));
    const now = Date.now();
    const groups = new Set<string>();
    for (const process of entry.supervisor.processes) {
      const group = process.spec.groups[0];
      if (group === undefined) nodes.push(this.processNode(entry, process, parent, now));
      else if (!groups.has(group)) {
        groups.add(group);
        nodes.push(new GroupNode(entry, group, parent));
      }
    }
    if (nodes.length === 0) nodes.push(new MessageNode('No processes in .procs.json', parent));
    return nodes;
  }

  private processNode(entry: ProcsFolder, process: ManagedProcess, parent: FolderNode | GroupNode | undefined, now: number): ProcessNode {
    const id = processNodeId(entry, process.name);
    const node = this.processNodes.get(id) ?? new ProcessNode(entry, process, parent);
    this.processNodes.set(id, node);
    node.update(now);
    return node;
  }

  /** New readings change what the rows of those processes say, not the tree's shape. */
  refreshSamples(entry: ProcsFolder, names: readonly string[]): void {
    const now = Date.now();
    for (const name of names) {
      const node = this.processNodes.get(processNodeId(entry, name));
      // Sent only when the row reads differently: a row replaced under the pointer loses its tooltip.
      if (node?.update(now)) this.changeEmitter.fire(node);
    }
  }

  private refreshProcess(entry: ProcsFolder, name: string): void {
    const node = this.processNodes.get(processNodeId(entry, name));
    if (node) {
      // A new state is news even where the row reads the same: the tooltip's facts changed.
      node.update(Date.now());
      this.changeEmitter.fire(node);
    }
    this.updateTicker();
  }

  private tick(): void {
    const now = Date.now();
    for (const node of this.processNodes.values()) {
      if (isTicking(node.process.state.status) && node.update(now)) this.changeEmitter.fire(node);
    }
  }

  private updateTicker(): void {
    const ticking = this.registry.all.some((entry) => entry.supervisor.processes.some((process) => isTicking(process.state.status)));
    if (ticking && !this.ticker) this.ticker = setInterval(() => this.tick(), TICK_MS);
    if (!ticking && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
