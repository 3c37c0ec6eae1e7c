import { Emitter, type Disposable, type Event } from '../events';

/**
 * Backpressure from the sinks to the children: while anyone holds the gate, processes stop
 * reading their pipes, so a child that prints faster than a sink can take blocks on its own
 * write (as it would on a slow terminal) and our memory stays bounded.
 */
export class OutputGate implements Disposable {
  private holds = 0;
  private readonly emitter = new Emitter<boolean>();
  /** Fires `true` when the gate opens again, `false` when it closes. */
  readonly onDidChange: Event<boolean> = this.emitter.event;

  get open(): boolean {
    return this.holds === 0;
  }

  /** Closes the gate until the returned handle is disposed (once; later calls do nothing). */
  hold(): Disposable {
    let released = false;
    if (this.holds++ === 0) this.emitter.fire(false);
    return {
      dispose: () => {
        if (released) return;
        released = true;
        if (--this.holds === 0) this.emitter.fire(true);
      },
    };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
