import type { ManagedProcess } from '../core/process/managedProcess';
import { ALL } from '../core/selectors';
import type { FolderRegistry, ProcsFolder } from './folders';
import { FolderNode, GroupNode, ProcessNode } from './treeNodes';

/** Selectors to act on within one folder. */
export interface Target {
  entry: ProcsFolder;
  selectors: string[];
}

/** One process instance and the folder it belongs to (a ProcessNode is one). */
export interface ProcessRef {
  entry: ProcsFolder;
  process: ManagedProcess;
}

/**
 * What a command argument names: a tree node, or a selector string (a name, `api#2`, a group, `all`)
 * looked up in every folder. Undefined when there is no argument, so the caller asks the user.
 */
export function targetsFor(argument: unknown, registry: FolderRegistry): Target[] | undefined {
  if (argument instanceof ProcessNode) return [{ entry: argument.entry, selectors: [argument.process.name] }];
  if (argument instanceof GroupNode) return [{ entry: argument.entry, selectors: [argument.group] }];
  if (argument instanceof FolderNode) return [{ entry: argument.entry, selectors: [ALL] }];
  if (typeof argument === 'string') {
    return registry.all
      .filter((entry) => entry.supervisor.select([argument]).processes.length > 0)
      .map((entry) => ({ entry, selectors: [argument] }));
  }
  return undefined;
}

/** The single process a command argument names, by node or by instance name. */
export function processFor(argument: unknown, registry: FolderRegistry): ProcessRef | undefined {
  if (argument instanceof ProcessNode) return argument;
  if (typeof argument !== 'string') return undefined;
  for (const entry of registry.all) {
    const process = entry.supervisor.get(argument) ?? entry.supervisor.select([argument]).processes[0];
    if (process) return { entry, process };
  }
  return undefined;
}

/** The folder of a tree node. */
export function folderFor(argument: unknown): ProcsFolder | undefined {
  const isNode = argument instanceof FolderNode || argument instanceof GroupNode || argument instanceof ProcessNode;
  return isNode ? argument.entry : undefined;
}
