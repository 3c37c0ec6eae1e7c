import type { ConfigResult, ProcessSpec, ProcsConfig } from './config/types';
import { diffSpecs } from './configDiff';
import { DependencyWaits } from './dependencies';
import { dependenciesOf, startDependencies, stopInOrder, withDependencies } from './dependencyOrder';
import { DependencyGraph } from './graph/dependencyGraph';
import { Emitter, type Disposable, type Event } from './events';
import { createEntry, inConfigOrder, type Entry } from './entry';
import { watchFolders } from './watch/watchMatcher';
import type { ManagedProcess } from './process/managedProcess';
import type { StopRequest } from './process/managedTypes';
import { OutputGate } from './process/outputGate';
import { whenReady, type ReadyOutcome } from './readyWait';
import type { OutputBatch } from './process/outputTypes';
import { isActive, restartsOnChange, type ProcessStateChange } from './process/states';
import { systemClock } from './clock';
import { enforceLimits } from './system/limitEnforcer';
import { changedFate, startsWhenAdded, type UpScope } from './reloadRules';
import { Retirements } from './retirements';
import { ResourceSampler } from './system/resourceSampler';
import { ALL, isAll, pick, select } from './selectors';
import type { ApplyReport, SupervisorOptions } from './supervisorTypes';

export type { ApplyReport, SupervisorOptions } from './supervisorTypes';

/**
 * Owns the managed processes of one `.procs.json`. Every face (VS Code, CLI) acts through it,
 * so "start", "apply a new config" and "a file changed" mean the same thing everywhere.
 */
export class Supervisor {
  private readonly entries = new Map<string, Entry>();
  private readonly retiring = new Retirements();
  private current: ProcsConfig | undefined;
  private upScope: UpScope = 'down';
  /** Counts stop-alls and the dispose: a start a reload deferred is dropped once one came. */
  private stops = 0;
  private disposed = false;
  /**
   * Backpressure for every process of this supervisor: a face whose sink falls behind (a slow
   * reader of `procs up`) holds it, and the children wait on their own writes until it is let go.
   */
  readonly outputGate = new OutputGate();
  private graph = new DependencyGraph([]);

  private readonly stateEmitter = new Emitter<ProcessStateChange>();
  private readonly outputEmitter = new Emitter<OutputBatch>();
  private readonly processesEmitter = new Emitter<void>();
  /** Applies under way: until they end, a process that never ran may be a replacement about to start. */
  private applying = 0;
  private readonly appliedEmitter = new Emitter<void>();
  /** What waiting processes ask; every state change may answer it. */
  private readonly dependencies = new DependencyWaits((name) => this.entries.get(name)?.instances ?? [], this.stateEmitter.event);

  /** Any process changed state. */
  readonly onDidChangeState: Event<ProcessStateChange> = this.stateEmitter.event;
  /** Batches of output lines, per process. */
  readonly onOutput: Event<OutputBatch> = this.outputEmitter.event;
  /** Processes were added or removed (a config was applied). */
  readonly onDidChangeProcesses: Event<void> = this.processesEmitter.event;
  /**
   * CPU, memory and ports of every running tree: sampled only while a face holds `watch()` or a
   * running process has limits, and sent on the sampler's own event, never as state changes.
   */
  readonly resources: ResourceSampler;
  private readonly upkeep: Disposable[];

  constructor(private readonly options: SupervisorOptions = {}) {
    const sampled = options.resources ?? {};
    this.resources = new ResourceSampler(
      () =>
        this.processes.flatMap((process) => {
          const { status, pid } = process.state;
          return isActive(status) && pid !== undefined ? [{ name: process.name, pid, limited: process.spec.limits !== undefined }] : [];
        }),
      options.processDeps?.clock ?? systemClock,
      sampled.reader,
      sampled.intervalMs,
    );
    this.upkeep = [this.stateEmitter.event(() => this.resources.refresh()), enforceLimits(this.resources, (name) => this.get(name))];
  }

  /** The last config that was applied. */
  get config(): ProcsConfig | undefined {
    return this.current;
  }

  /** Every instance, in config order. */
  get processes(): ManagedProcess[] {
    return [...this.entries.values()].flatMap((entry) => entry.instances);
  }

  /** True between `up()` and `stopAll()`: new autostart entries start as they appear. */
  get running(): boolean {
    return this.upScope !== 'down';
  }

  get(name: string): ManagedProcess | undefined {
    // Looked up for every output batch (thousands a second in a flood): no array built to search.
    for (const entry of this.entries.values()) {
      for (const instance of entry.instances) if (instance.name === name) return instance;
    }
    return undefined;
  }

  select(selectors: readonly string[]): { processes: ManagedProcess[]; unknown: string[] } {
    const { matched, unknown } = select(this.processes, selectors);
    return { processes: matched, unknown };
  }

  /**
   * Brings the running set in line with a config: new entries start (startsWhenAdded), removed ones
   * stop, changed ones are replaced and come back as changedFate says, the rest are untouched.
   * A config with errors is not applied, so everything keeps running on the last good one.
   */
  async apply(result: ConfigResult): Promise<ApplyReport> {
    this.applying++;
    try {
      return await this.applyNow(result);
    } finally {
      this.applying--;
      this.appliedEmitter.fire();
    }
  }

  private async applyNow(result: ConfigResult): Promise<ApplyReport> {
    const report: ApplyReport = { applied: false, problems: result.problems, started: [], stopped: [], restarted: [] };
    const config = result.config;
    // After dispose (a stop during start-up) nothing new may be created, let alone started.
    if (!config || this.disposed) return report;
    const diff = diffSpecs(this.current?.processes ?? [], config.processes);
    // Made before anything changes: an entry that cannot be made leaves the last config in place.
    const made = this.makeEntries([...diff.changed, ...diff.added], config);
    const [changed, added] = [made.slice(0, diff.changed.length), made.slice(diff.changed.length)];
    report.applied = true;
    this.current = config;
    this.graph = new DependencyGraph(config.processes);

    const work: Promise<void>[] = [];
    const stops = this.stops;
    /** Old trees going away, and the entries this apply starts. */
    const disposals: Promise<void>[] = [];
    const starting: Entry[] = [];
    for (const name of diff.removed) {
      const entry = this.entries.get(name);
      if (!entry) continue;
      this.entries.delete(name);
      report.stopped.push(...entry.instances.map((process) => process.name));
      disposals.push(this.disposeEntry(entry));
    }
    for (const { spec, entry } of changed) {
      const old = this.entries.get(spec.name);
      const fate = changedFate(spec, old?.instances.map((process) => process.state.status) ?? [], this.upScope);
      this.entries.set(spec.name, entry);
      if (fate !== 'leave') (fate === 'restart' ? report.restarted : report.started).push(...entry.instances.map((process) => process.name));
      // Started once the old one is gone, unless a stop-all came meanwhile.
      const startReplacement = (): Promise<void> | undefined => (fate !== 'leave' && stops === this.stops ? this.startEntry(entry) : undefined);
      const disposal = old ? this.disposeEntry(old) : Promise.resolve();
      disposals.push(disposal);
      work.push(disposal.then(startReplacement));
      if (fate !== 'leave') starting.push(entry);
    }
    for (const { spec, entry } of added) {
      this.entries.set(spec.name, entry);
      if (startsWhenAdded(spec, this.upScope)) {
        report.started.push(...entry.instances.map((process) => process.name));
        work.push(this.startEntry(entry));
        starting.push(entry);
      }
    }
    // What they depend on starts too, as with any start: once every old tree is gone, so none of
    // them is started while its own replaced process still holds the port.
    const startNeeded = async (): Promise<void> => {
      // Only for entries still current: a later reload may have replaced them meanwhile.
      const chosen = starting.filter((entry) => this.entries.get(entry.spec.name) === entry).flatMap((entry) => entry.instances);
      const started = stops === this.stops ? await startDependencies(this.graph, this.processes, chosen) : [];
      report.started.push(...started.filter((name) => !report.started.includes(name)));
    };
    work.push(Promise.all(disposals).then(startNeeded));
    inConfigOrder(this.entries, config.processes);
    this.processesEmitter.fire();
    await Promise.all(work);
    return report;
  }

  /** Marks the supervisor up and starts the autostart processes, or those the selectors name. */
  async up(selectors: readonly string[] = []): Promise<void> {
    if (this.disposed) return;
    this.upScope = selectors.length === 0 || selectors.some(isAll) ? 'all' : 'named';
    await this.start(selectors.length > 0 ? selectors : [ALL]);
  }

  /**
   * Starts what the selectors name (`all` means the autostart processes) and, first, what they
   * depend on, transitively: a dependent waits in `waiting` until its dependencies are there.
   */
  async start(selectors: readonly string[]): Promise<void> {
    await Promise.all(withDependencies(this.graph, this.processes, this.pick(selectors)).map((process) => process.start()));
  }

  /**
   * Resolves when what the selectors name is ready (running: its probe passed, or it spawned without
   * one), or with the first of them, or of their dependencies, that could not start and why. Ask after a start.
   */
  whenReady(selectors: readonly string[]): Promise<ReadyOutcome> {
    const chosen = (): ManagedProcess[] => this.pick(selectors);
    return whenReady({
      wanted: chosen,
      dependencies: () => dependenciesOf(this.graph, this.processes, chosen()),
      settling: () => this.applying > 0,
      disposed: () => this.disposed,
      onChange: [this.stateEmitter.event, this.appliedEmitter.event],
    });
  }

  /** Stops what the selectors name, dependents before their dependencies; resolves when every tree is gone. */
  async stop(selectors: readonly string[]): Promise<void> {
    await stopInOrder(this.graph, this.select(selectors).processes);
  }

  /** Restarts what the selectors name: the old tree is gone before the new one starts. Stopped dependencies start too. */
  async restart(selectors: readonly string[], reason?: string): Promise<void> {
    const chosen = this.pick(selectors);
    await Promise.all([startDependencies(this.graph, this.processes, chosen), ...chosen.map((process) => process.restart(reason))]);
  }

  /**
   * A file changed on disk: restarts the processes that watch it (running ones at once,
   * backing-off ones now, stopped ones not at all). `restarting` names them; `settled`
   * resolves when those restarts, coalesced ones included, are done.
   */
  fileChanged(absPath: string, reason: string): { restarting: string[]; settled: Promise<void> } {
    const hit = [...this.entries.values()].filter((entry) => entry.matches(absPath));
    const chosen = hit.flatMap((entry) => entry.instances).filter((process) => restartsOnChange(process.state.status));
    return {
      restarting: chosen.map((process) => process.name),
      settled: Promise.all(chosen.map((process) => process.requestRestart(reason))).then(() => undefined),
    };
  }

  /** Folders worth watching: the working directory of every process with `watch` globs. */
  watchRoots(): string[] {
    return [...new Set([...this.entries.values()].flatMap((entry) => watchFolders(entry.spec)))];
  }

  /** Stops every tree and leaves the supervisor down; `graceMs` bounds each stop timeout. */
  async stopAll(request: StopRequest = {}): Promise<void> {
    this.upScope = 'down';
    this.stops++;
    await Promise.all([stopInOrder(this.graph, this.processes, request), this.retiring.settled(request.graceMs)]);
  }

  /**
   * SIGKILL to every tree at once, those already being stopped included (a second Ctrl-C): the
   * stops under way then find their trees gone and finish.
   */
  async killAll(): Promise<void> {
    await Promise.all([...this.processes, ...this.retiring.processes].map((process) => process.kill()));
  }

  async dispose(): Promise<void> {
    this.upScope = 'down';
    this.stops++;
    this.disposed = true;
    await Promise.all([stopInOrder(this.graph, this.processes), this.retiring.settled()]);
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.disposeEntry(entry)));
    for (const subscription of this.upkeep) subscription.dispose();
    this.resources.dispose();
    this.stateEmitter.dispose();
    this.outputEmitter.dispose();
    this.processesEmitter.dispose();
    this.appliedEmitter.dispose();
    this.outputGate.dispose();
  }

  /** An entry per spec, in order, or none: one that cannot be made leaves none of the others behind. */
  private makeEntries(specs: readonly ProcessSpec[], config: ProcsConfig): Array<{ spec: ProcessSpec; entry: Entry }> {
    const made: Array<{ spec: ProcessSpec; entry: Entry }> = [];
    try {
      const deps = { outputGate: this.outputGate, dependencies: this.dependencies, ...this.options.processDeps };
      const forward = { state: (change: ProcessStateChange) => this.stateEmitter.fire(change), output: (batch: OutputBatch) => this.outputEmitter.fire(batch) };
      for (const spec of specs) made.push({ spec, entry: createEntry(spec, config, deps, forward) });
    } catch (error) {
      for (const { entry } of made) void this.disposeEntry(entry);
      throw error;
    }
    return made;
  }

  private pick(selectors: readonly string[]): ManagedProcess[] {
    return pick(this.processes, selectors);
  }

  private async startEntry(entry: Entry): Promise<void> {
    await Promise.all(entry.instances.map((process) => process.start()));
  }

  private async disposeEntry(entry: Entry): Promise<void> {
    await this.retiring.retire(entry.instances);
    // Unsubscribe after the final state changes have been forwarded.
    for (const subscription of entry.subscriptions) subscription.dispose();
  }
}
