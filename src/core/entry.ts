import type { ProcessSpec, ProcsConfig } from './config/types';
import type { Disposable } from './events';
import { configLogFiles } from './process/logFile';
import { ManagedProcess } from './process/managedProcess';
import type { ManagedProcessDeps } from './process/managedTypes';
import type { OutputBatch } from './process/outputTypes';
import type { ProcessStateChange } from './process/states';
import { instanceNames } from './selectors';
import { createWatchMatcher } from './watch/watchMatcher';

/** One spec of a config: its instances, the files it watches, and what forwards their events. */
export interface Entry {
  spec: ProcessSpec;
  instances: ManagedProcess[];
  matches: (absPath: string) => boolean;
  subscriptions: Disposable[];
}

/** Where an entry's state changes and output go. */
export interface EntryForward {
  state: (change: ProcessStateChange) => void;
  output: (batch: OutputBatch) => void;
}

export function createEntry(spec: ProcessSpec, { root, file, processes }: ProcsConfig, deps: Partial<ManagedProcessDeps>, forward: EntryForward): Entry {
  const names = instanceNames(spec);
  const instances = names.map((name, i) => new ManagedProcess(spec, { name, index: i + 1, count: names.length, root, configFile: file }, deps));
  const subscriptions = instances.flatMap((process) => [process.onDidChangeState(forward.state), process.onOutput(forward.output)]);
  return { spec, instances, matches: createWatchMatcher(spec, configLogFiles(processes)), subscriptions };
}

/** Puts the entries back in config order after some were replaced or added. */
export function inConfigOrder(entries: Map<string, Entry>, specs: readonly ProcessSpec[]): void {
  const ordered = specs.map((spec) => [spec.name, entries.get(spec.name)] as const);
  entries.clear();
  for (const [name, entry] of ordered) if (entry) entries.set(name, entry);
}
