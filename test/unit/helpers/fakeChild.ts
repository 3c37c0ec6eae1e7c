import { EventEmitter } from 'node:events';
import type { KillTreeFn } from '../../../src/core/process/killTree';
import type { ChildHandle, SpawnFn } from '../../../src/core/process/spawnChild';

/** A child that does only what the test tells it: spawn at once, exit on `exit()`. */
export class FakeChild extends EventEmitter {
  readonly stdout = null;
  readonly stderr = null;
  exited = false;
  constructor(readonly pid: number) {
    super();
    setImmediate(() => this.emit('spawn'));
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code, signal);
    this.emit('close', code, signal);
  }
}

/** A spawn and killTree pair over fake children, for virtual-time tests of the state machine. */
export function fakeProcesses(): { spawn: SpawnFn; killTree: KillTreeFn; children: FakeChild[]; latest(): FakeChild } {
  const children: FakeChild[] = [];
  const spawn: SpawnFn = () => {
    const child = new FakeChild(90_000 + children.length);
    children.push(child);
    // The fake has the events and fields the engine reads; the cast covers ChildProcess's overloads.
    return child as unknown as ChildHandle;
  };
  const killTree: KillTreeFn = async (pid) => {
    const child = children.find((c) => c.pid === pid);
    child?.exit(null, 'SIGTERM');
    return [];
  };
  return { spawn, killTree, children, latest: () => children[children.length - 1] };
}
