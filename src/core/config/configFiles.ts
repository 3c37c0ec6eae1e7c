import { readFileSync, statSync } from 'fs';

/** What parsing a config needs to know of the files beside it; passed in so parseConfig stays pure. */
export interface ConfigFiles {
  /** An env file's text, or undefined when it cannot be read. */
  readText(absPath: string): string | undefined;
  /** Whether a working directory exists. */
  isDirectory(absPath: string): boolean;
}

/**
 * The disk, read synchronously: env files are small and few, and a synchronous parse can run on
 * every keystroke's debounce without interleaving with the next one.
 */
export const diskFiles: ConfigFiles = {
  readText(absPath) {
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory(absPath) {
    return statSync(absPath, { throwIfNoEntry: false })?.isDirectory() ?? false;
  },
};
