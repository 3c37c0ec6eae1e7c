import { readFileSync } from 'fs';
import { isDirectory } from '../isDirectory';

/** What parsing a config needs to know of the files beside it; passed in so parseConfig stays pure. */
export interface ConfigFiles {
  /** An env file's text, or undefined when it cannot be read. */
  readText(absPath: string): string | undefined;
  /** Whether a working directory exists. */
  isDirectory(absPath: string): boolean;
}

/** The disk, read synchronously: env files are small and few, and it keeps parseConfig synchronous. */
export const diskFiles: ConfigFiles = {
  readText(absPath) {
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory,
};
