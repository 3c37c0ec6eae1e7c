import type { Clock, TimerHandle } from '../clock';
import { Emitter, type Disposable, type Event } from '../events';
import { procReader, sampleOfTree, type ProcReader, type ResourceSample, type TreeTicks } from './treeSample';

/** A running instance the sampler may read: its root pid, and whether a limit needs its readings. */
export interface SampleTarget {
  name: string;
  pid: number;
  limited: boolean;
}

export const DEFAULT_SAMPLE_INTERVAL_MS = 2000;

/**
 * Reads CPU, memory and ports of every running tree on the injected clock, but only while someone
 * looks (`watch()` holds a demand) or a running process has limits: otherwise no timer is set and
 * nothing is read. Samples go out on their own event; they are observations, never state.
 */
export class ResourceSampler {
  private readonly sampleEmitter = new Emitter<ResourceSample[]>();
  /** Every reading of every tree, a batch per tick. */
  readonly onDidSample: Event<ResourceSample[]> = this.sampleEmitter.event;
  private demand = 0;
  private timer: TimerHandle | undefined;
  private reading: Promise<ResourceSample[]> | undefined;
  private readonly latestByName = new Map<string, ResourceSample>();
  /** Per run (name and pid), the CPU ticks of the last reading: the baseline of the next CPU %. */
  private readonly ticks = new Map<string, TreeTicks>();
  private disposed = false;

  constructor(
    private readonly targets: () => SampleTarget[],
    private readonly clock: Clock,
    private readonly reader: ProcReader = procReader,
    readonly intervalMs = DEFAULT_SAMPLE_INTERVAL_MS,
  ) {}

  /** Someone shows the readings (a visible view): sampling runs until every such hold is disposed. */
  watch(): Disposable {
    let held = true;
    this.demand++;
    this.refresh();
    return {
      dispose: () => {
        if (!held) return;
        held = false;
        this.demand--;
        this.refresh();
      },
    };
  }

  /** The last reading of an instance while it runs. */
  latest(name: string): ResourceSample | undefined {
    return this.latestByName.get(name);
  }

  /** A reading now, for a tooltip being built; joins one already under way. */
  sampleNow(): Promise<ResourceSample[]> {
    this.reading ??= this.readAll().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Starts or stops the timer as demand and limits say; the Supervisor calls it on every state change. */
  refresh(): void {
    const wanted = !this.disposed && (this.demand > 0 || this.targets().some((target) => target.limited));
    if (wanted && !this.timer) this.schedule(0);
    if (!wanted && this.timer) {
      this.timer.cancel();
      this.timer = undefined;
    }
    this.forgetEnded();
  }

  dispose(): void {
    this.disposed = true;
    this.refresh();
    this.sampleEmitter.dispose();
  }

  private schedule(delayMs: number): void {
    const timer = this.clock.setTimeout(() => {
      void this.sampleNow().then(() => {
        // Still this chain (a refresh that stopped it, or began another while it read, replaced it): the next tick.
        if (this.timer === timer) this.schedule(this.intervalMs);
      });
    }, delayMs);
    this.timer = timer;
  }

  private async readAll(): Promise<ResourceSample[]> {
    const targets = this.targets();
    const at = this.clock.now();
    // Empty for a tree whose root exited between two samples: it has no reading, not a wrong one.
    const trees = targets.length > 0 ? await this.reader.trees(targets.map((target) => target.pid)) : [];
    const pids = trees.flat().map((proc) => proc.pid);
    const listening = pids.length > 0 ? await this.reader.listening(pids) : new Map();
    const readings = await Promise.all(
      targets.map((target, i) =>
        trees[i].length === 0 ? undefined : sampleOfTree(this.reader, target.name, trees[i], listening, at, this.ticks.get(runKey(target))),
      ),
    );
    const samples: ResourceSample[] = [];
    targets.forEach((target, i) => {
      const reading = readings[i];
      if (!reading) return;
      this.ticks.set(runKey(target), reading.ticks);
      this.latestByName.set(target.name, reading.sample);
      samples.push(reading.sample);
    });
    this.forgetEnded();
    if (!this.disposed && samples.length > 0) this.sampleEmitter.fire(samples);
    return samples;
  }

  /** A run that ended takes its readings with it: a stopped row shows none, and a new run has no stale baseline. */
  private forgetEnded(): void {
    const live = new Map(this.targets().map((target) => [target.name, target]));
    for (const [name, sample] of this.latestByName) if (live.get(name)?.pid !== sample.pid) this.latestByName.delete(name);
    const runs = new Set([...live.values()].map(runKey));
    for (const key of this.ticks.keys()) if (!runs.has(key)) this.ticks.delete(key);
  }
}

function runKey(target: SampleTarget): string {
  return `${target.name}:${target.pid}`;
}
