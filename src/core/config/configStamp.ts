import { stat } from 'fs/promises';
import * as path from 'path';
import { CONFIG_FILE_NAME } from './loadConfig';

/**
 * What a folder's config file is on disk now, as a string that changes whenever the file does
 * (`none` when there is none): to tell, without reading it, whether a change went unreported.
 */
export async function configStamp(folder: string): Promise<string> {
  try {
    const file = await stat(path.join(path.resolve(folder), CONFIG_FILE_NAME));
    // ctime too: a chmod that makes the file readable again changes nothing else.
    return `${file.dev}:${file.ino}:${file.size}:${file.mtimeMs}:${file.ctimeMs}`;
  } catch {
    return 'none';
  }
}
