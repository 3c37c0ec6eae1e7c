/** Something that holds a resource until disposed. Same shape as vscode.Disposable. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function with VS Code's `Event<T>` signature, so faces can pass it straight through. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

/** Minimal typed event emitter; no dependency on VS Code. */
export class Emitter<T> implements Disposable {
  private listeners: Array<(e: T) => unknown> | undefined = [];

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    if (!this.listeners) return { dispose: () => undefined };
    this.listeners.push(bound);
    const subscription = {
      dispose: () => {
        const index = this.listeners?.indexOf(bound) ?? -1;
        if (index >= 0) this.listeners?.splice(index, 1);
      },
    };
    disposables?.push(subscription);
    return subscription;
  };

  /**
   * Calls every listener, each on its own: one that throws is reported and the rest still run, so a
   * face's bug cannot leave the engine half way through a state change (a queue waiting for ever).
   */
  fire(value: T): void {
    // Copy so a listener may unsubscribe while being called.
    for (const listener of [...(this.listeners ?? [])]) {
      try {
        listener(value);
      } catch (error) {
        console.error('procs: an event listener threw:', error);
      }
    }
  }

  dispose(): void {
    this.listeners = undefined;
  }
}

/** Disposes everything added, including what is added after it was itself disposed. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  add<D extends Disposable>(item: D): D {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    this.disposed = true;
    const items = this.items;
    this.items = [];
    for (const item of items.reverse()) item.dispose();
  }
}
