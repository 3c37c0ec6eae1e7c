import { ManagedProcess } from '../../../src/core/process/managedProcess';
import type { ProcessSpec } from '../../../src/core/config/types';
import type { ProcessState } from '../../../src/core/process/states';
import { ProcessProbe } from './processProbe';
import { makeSpec } from './processSpec';

const instance = { name: 'test', index: 1, count: 1, root: '/' };

/**
 * ManagedProcesses for one suite: each with a probe and the moment (our clock) each of its states
 * was reported; `disposeAll` in afterEach stops every tree.
 */
export class TimedProcesses {
  private readonly started: ManagedProcess[] = [];

  managed(spec: Partial<ProcessSpec>): { probe: ProcessProbe; seenAt: Map<ProcessState, number> } {
    const process = new ManagedProcess(makeSpec(spec), instance);
    this.started.push(process);
    const seenAt = new Map<ProcessState, number>();
    process.onDidChangeState(({ current }) => seenAt.set(current, Date.now()));
    return { probe: new ProcessProbe(process), seenAt };
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((p) => p.dispose()));
  }
}
