import type { ListeningSocket } from './ports';

/**
 * A full read of the kernel's socket tables is taken at least this often (in lookups; the sampler
 * looks every 2 s, so every 10 s). Between full reads, a socket held since the last one that was
 * not listening then is taken as not listening now: one that listens later shows by this time.
 */
export const FULL_READ_EVERY = 5;

/** Sockets remembered as seen at a read, at most (a server's connections come and go). */
const MAX_REMEMBERED = 10_000;

/**
 * The listening sockets among the ones some processes hold, reading the kernel's tables only when
 * the answer may have changed. A read costs milliseconds however few sockets there are (the kernel
 * walks every bucket of its tables), and a sampled process holds the same sockets for minutes.
 * A socket first held since the last read is new (inode numbers come from a 32-bit counter: reuse
 * takes billions of files), so it may listen and brings a read. A socket that changed otherwise
 * (listened after it was first seen, or was shut down and stays open) is seen by the periodic read.
 */
export class SocketTables {
  private listening = new Map<number, ListeningSocket>();
  /**
   * Sockets some caller held at a read, listening or not: a read sees every socket, so those of
   * earlier reads count too. Closed ones stay (harmless: never held again) up to a bound.
   */
  private heldAtRead = new Set<number>();
  private lookupsSinceRead = Infinity;

  constructor(private readonly readTables: () => Map<number, ListeningSocket>) {}

  /** The listening sockets among `held` (socket inodes), by inode. */
  lookup(held: ReadonlySet<number>): ReadonlyMap<number, ListeningSocket> {
    if (held.size === 0) return new Map();
    this.lookupsSinceRead++;
    if (this.lookupsSinceRead >= FULL_READ_EVERY || [...held].some((inode) => !this.heldAtRead.has(inode))) {
      this.listening = this.readTables();
      if (this.heldAtRead.size > MAX_REMEMBERED) this.heldAtRead.clear();
      for (const inode of held) this.heldAtRead.add(inode);
      this.lookupsSinceRead = 0;
    }
    return this.listening;
  }
}
