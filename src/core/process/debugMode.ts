import type { Clock } from '../clock';
import { withInspector } from '../debug/inspector';
import { InspectorWatch } from '../debug/inspectorWatch';
import type { DebugView } from './states';

/** Whether a process's runs open the inspector, and what it shows of that in its state. */
export class DebugMode {
  private inspectEnv: NodeJS.ProcessEnv | undefined;
  /** The last run's watch: once that run has ended, what it said (no inspector) still shows. */
  private latest: InspectorWatch | undefined;

  constructor(
    /** Each start opens the inspector; `"debug": true` in the file turns it on from the first. */
    public on: boolean,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The environment a run starts with: while debugging, the process's own with the inspector added (built once). */
  runEnv(): NodeJS.ProcessEnv {
    return this.on ? (this.inspectEnv ??= withInspector(this.env)) : this.env;
  }

  /** While debugging, a watch on a new run's output for the inspectors it announces; `news` hears of each. */
  watchRun(clock: Clock, news: () => void): InspectorWatch | undefined {
    this.latest = this.on ? new InspectorWatch(clock, news) : undefined;
    return this.latest;
  }

  /** Debugging is part of every state: on or off, the current run's inspectors, and whether the last run had none. */
  view(watch: InspectorWatch | undefined): DebugView | undefined {
    if (!this.on) return undefined;
    return { inspectors: [...(watch?.inspectors ?? [])], unavailable: (watch ?? this.latest)?.missing };
  }
}
