/**
 * The newest items of an endless stream: at most `maxItems` of them and about `maxBytes` in all
 * (by `sizeOf`), the oldest falling off first. A ring, so a flood costs one slot write per item,
 * never a shift of the whole array. The newest item is always kept, however big.
 */
export class RecentLines<T> {
  private readonly items: (T | undefined)[];
  private readonly sizes: number[];
  private head = 0;
  private count = 0;
  private size = 0;
  /** Items that fell off since the start. */
  dropped = 0;

  constructor(
    readonly maxItems: number,
    readonly maxBytes: number,
    private readonly sizeOf: (item: T) => number,
    /**
     * For items that hold many (blocks of lines): the oldest item made lighter, by `overBy` where it
     * can be, or undefined to drop it whole (as is one no lighter). Without it, one heavy item falling
     * off could take half the budget.
     */
    private readonly shrinkOldest?: (item: T, overBy: number) => T | undefined,
  ) {
    this.items = new Array<T | undefined>(maxItems);
    this.sizes = new Array<number>(maxItems).fill(0);
  }

  get length(): number {
    return this.count;
  }

  /** The sum of `sizeOf` over the items held. */
  get bytes(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.count === this.maxItems) this.dropOldest();
    const slot = (this.head + this.count) % this.maxItems;
    const size = this.sizeOf(item);
    this.items[slot] = item;
    this.sizes[slot] = size;
    this.count++;
    this.size += size;
    while (this.size > this.maxBytes && this.count > 1) this.shed(this.size - this.maxBytes);
  }

  /** The newest `n` items (all of them by default), oldest first. */
  last(n = this.count): T[] {
    const take = Math.min(n, this.count);
    const out = new Array<T>(take);
    for (let i = 0; i < take; i++) out[i] = this.items[(this.head + this.count - take + i) % this.maxItems] as T;
    return out;
  }

  /** Every item held, oldest first, leaving the ring empty (they were taken, not dropped). */
  take(): T[] {
    const items = this.last();
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.size = 0;
    return items;
  }

  /** Makes room for `overBy` more: the oldest item shrunk where it can be, else dropped. */
  private shed(overBy: number): void {
    const shrunk = this.shrinkOldest?.(this.items[this.head] as T, overBy);
    const size = shrunk === undefined ? Infinity : this.sizeOf(shrunk);
    // Only a lighter item makes progress; anything else is dropped, so the loop always ends.
    if (shrunk === undefined || size >= this.sizes[this.head]) return this.dropOldest();
    this.size += size - this.sizes[this.head];
    this.items[this.head] = shrunk;
    this.sizes[this.head] = size;
  }

  private dropOldest(): void {
    this.size -= this.sizes[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.maxItems;
    this.count--;
    this.dropped++;
  }
}
