import * as vscode from 'vscode';
import type { ProcessActions } from './actions';
import type { FolderRegistry, ProcsFolder } from './folders';
import { ProcsTaskTerminal, type TaskAction } from './taskTerminal';

export const TASK_TYPE = 'procs';

/** `{ "type": "procs", "process": "api", "action": "restart" }` in tasks.json; the schema is in package.json. */
interface ProcsTaskDefinition extends vscode.TaskDefinition {
  process: string;
  action?: TaskAction;
}

const ACTIONS: readonly TaskAction[] = ['start', 'restart', 'stop'];

/**
 * Tasks of type `procs`: one per process of every folder, and any a tasks.json writes. Running one
 * acts through the engine and ends when the process is ready, so a `preLaunchTask` waits for it.
 */
export class ProcsTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly registry: FolderRegistry,
    private readonly actions: ProcessActions,
  ) {}

  provideTasks(): vscode.Task[] {
    return this.registry.all.flatMap((entry) =>
      (entry.supervisor.config?.processes ?? []).map((spec) => this.task(entry.folder, { type: TASK_TYPE, process: spec.name }, spec.name)),
    );
  }

  /** A task from tasks.json: the same execution, whatever the label says. */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as Partial<ProcsTaskDefinition>;
    if (typeof definition.process !== 'string') return undefined;
    return this.task(task.scope, definition as ProcsTaskDefinition, task.name);
  }

  private task(scope: vscode.Task['scope'], definition: ProcsTaskDefinition, name: string): vscode.Task {
    const execution = new vscode.CustomExecution(async () => {
      const action = definition.action ?? 'start';
      const entry = this.folderOf(scope, definition.process);
      if (!ACTIONS.includes(action)) return ProcsTaskTerminal.refusal(`"action" is "${String(action)}"; it may be start, restart or stop.`);
      if (!entry) return ProcsTaskTerminal.refusal(`no process or group is named "${definition.process}" in any .procs.json.`);
      return new ProcsTaskTerminal(entry, definition.process, action, this.actions);
    });
    return new vscode.Task(definition, scope ?? vscode.TaskScope.Workspace, name, TASK_TYPE, execution, []);
  }

  /** The task's folder when it names the process there, else the first folder that has it. */
  private folderOf(scope: vscode.Task['scope'], selector: string): ProcsFolder | undefined {
    const has = (entry: ProcsFolder): boolean => entry.supervisor.select([selector]).processes.length > 0;
    const own = typeof scope === 'object' ? this.registry.get(scope.uri) : undefined;
    return own && has(own) ? own : this.registry.all.find(has);
  }
}
