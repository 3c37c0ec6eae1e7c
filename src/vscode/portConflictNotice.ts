import * as vscode from 'vscode';
import type { PortConflict } from '../core/process/states';
import { describeConflict, stopHolder } from '../core/system/portHolder';
import { readCwd } from '../core/system/procIdentity';
import { ConflictNews } from './conflictNews';
import type { FolderRegistry, ProcsFolder } from './folders';

/**
 * When a process could not have its port, says who holds it, with "Show It" (pid, command line,
 * cwd) and "Stop It": that process was not started by this Procs, so it is signalled only after a
 * modal confirmation naming it, and only if the pid is still the process named (start time, command).
 */
export function notifyPortConflicts(registry: FolderRegistry): vscode.Disposable {
  // Once per holder: a backoff retry against the same squatter is not news.
  const news = new ConflictNews();
  return registry.onDidChangeState(({ folder, value }) => {
    const conflict = news.next(`${folder.folder.uri.toString()} ${value.name}`, value.current);
    if (conflict) void offer(folder, value.name, conflict);
  });
}

async function offer(folder: ProcsFolder, name: string, conflict: PortConflict): Promise<void> {
  const actions = conflict.holder ? ['Show It', 'Stop It'] : [];
  // The conflict alone, not the state's message: the notice outlives the retry it would count down to.
  const choice = await vscode.window.showWarningMessage(`Procs: ${name}: ${describeConflict(conflict, Date.now())}`, ...actions);
  const holder = conflict.holder;
  if (!holder || !choice) return;
  if (choice === 'Show It') {
    const detail = [`pid: ${holder.pid}`, `command: ${holder.command}`, `cwd: ${readCwd(holder.pid) ?? 'unknown'}`, `started: ${new Date(holder.startedAt).toLocaleString()}`];
    const again = await vscode.window.showInformationMessage(`Port ${conflict.port} is held by pid ${holder.pid}`, { modal: true, detail: detail.join('\n') }, 'Stop It');
    if (again !== 'Stop It') return;
  }
  const owner = conflict.procs ? `Procs' own "${conflict.procs.name}" of another window or folder` : 'a process Procs did not start';
  const confirm = await vscode.window.showWarningMessage(
    `Stop pid ${holder.pid} (${holder.command})?`,
    { modal: true, detail: `It holds port ${conflict.port} and is ${owner}. It and its child processes get SIGTERM, then SIGKILL after 5 s.` },
    'Stop It',
  );
  if (confirm !== 'Stop It') return;
  const result = await stopHolder(holder);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Procs: ${result.message}`);
    return;
  }
  // It was waiting out a backoff for this port: start it now.
  await folder.supervisor.start([name]);
}
