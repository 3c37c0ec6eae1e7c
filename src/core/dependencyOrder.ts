import type { DependencyGraph } from './graph/dependencyGraph';
import type { ManagedProcess } from './process/managedProcess';
import type { StopRequest } from './process/managedTypes';
import { STATUS_MEANING } from './process/states';

// The supervisor's operations in dependency order: what a start brings along, what a stop waits for.

/** `chosen` and everything they depend on among `all`, transitively, in start order. */
export function withDependencies(graph: DependencyGraph, all: readonly ManagedProcess[], chosen: readonly ManagedProcess[]): ManagedProcess[] {
  // Every instance of a dependency, but of the chosen processes only the chosen instances (`api#2`).
  const names = new Set(chosen.flatMap((process) => graph.dependenciesOf(process.spec.name)));
  const wanted = new Set([...chosen, ...all.filter((process) => names.has(process.spec.name))]);
  return graph.startOrderOf([...wanted], (process) => process.spec.name);
}

/** What the chosen processes depend on, transitively, without themselves. */
export function dependenciesOf(graph: DependencyGraph, all: readonly ManagedProcess[], chosen: readonly ManagedProcess[]): ManagedProcess[] {
  return withDependencies(graph, all, chosen).filter((process) => !chosen.includes(process));
}

/** Starts what `chosen` depends on; resolves with the names of those it had to start (one already up is left alone). */
export async function startDependencies(graph: DependencyGraph, all: readonly ManagedProcess[], chosen: readonly ManagedProcess[]): Promise<string[]> {
  const dependencies = dependenciesOf(graph, all, chosen);
  const started = dependencies.filter((process) => STATUS_MEANING[process.state.status].canStart).map((process) => process.name);
  await Promise.all(dependencies.map((process) => process.start()));
  return started;
}

/** Each process stops once everything among `processes` that depends on it has stopped. */
export function stopInOrder(graph: DependencyGraph, processes: readonly ManagedProcess[], request: StopRequest = {}): Promise<void> {
  const stops = new Map<ManagedProcess, Promise<void>>();
  const stopOne = (process: ManagedProcess): Promise<void> => {
    let stop = stops.get(process);
    if (stop) return stop;
    const dependents = new Set(graph.dependentsOf(process.spec.name));
    const first = processes.filter((other) => other !== process && dependents.has(other.spec.name));
    stop = Promise.all(first.map(stopOne)).then(() => process.stop(request));
    stops.set(process, stop);
    return stop;
  };
  return Promise.all(processes.map(stopOne)).then(() => undefined);
}
