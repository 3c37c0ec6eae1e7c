import { stat } from 'fs/promises';

/**
 * How long a save counts as under way without its `onDidSaveTextDocument`. A failed save never
 * reports back, and its mark must not swallow later changes for good.
 */
const SAVE_UNDER_WAY_LIMIT_MS = 5_000;

/**
 * Tells a save's own file-watcher events apart from real changes on disk. One save can reach the
 * watcher as several events (truncate, write, close), before or after the save event itself. While
 * a save is under way every event for its file is its echo; after it, an event is an echo as long
 * as the file still has the size and modification time the save left.
 */
export class SaveEchoes {
  private readonly savingSince = new Map<string, number>();
  private readonly savedStamps = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  willSave(file: string): void {
    this.savingSince.set(file, this.now());
  }

  /** Notes what the save left on disk; the file counts as being saved until that is known. */
  async didSave(file: string): Promise<void> {
    const stamp = await stampOf(file);
    if (stamp === undefined) this.savedStamps.delete(file);
    else this.savedStamps.set(file, stamp);
    this.savingSince.delete(file);
  }

  async isEcho(file: string): Promise<boolean> {
    const since = this.savingSince.get(file);
    if (since !== undefined && this.now() - since < SAVE_UNDER_WAY_LIMIT_MS) return true;
    const saved = this.savedStamps.get(file);
    if (saved === undefined) return false;
    if ((await stampOf(file)) === saved) return true;
    // Changed since: forget the stamp, unless a newer save has replaced it meanwhile.
    if (this.savedStamps.get(file) === saved) this.savedStamps.delete(file);
    return false;
  }
}

/** Size and modification time; undefined once the file is gone (a deletion is a real change). */
async function stampOf(file: string): Promise<string | undefined> {
  try {
    const { size, mtimeMs } = await stat(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}
