import * as path from 'path';
import type { Segment } from 'jsonc-parser';
import type { ConfigFiles } from './configFiles';
import { parseEnvFile } from './envFile';
import type { ProblemLocator } from './problems';
import { nulMessage, variablesWithNul } from './rules/envValues';
import type { ConfigProblem } from './types';

/** Reads env files relative to the config folder, reporting missing files and malformed lines where the file is named. */
export class EnvFiles {
  constructor(
    private readonly root: string,
    private readonly files: ConfigFiles,
    private readonly locator: ProblemLocator,
    private readonly problems: ConfigProblem[],
  ) {}

  read(relative: string | undefined, segments: Segment[]): Record<string, string> {
    if (relative === undefined) return {};
    const absPath = path.resolve(this.root, relative);
    const error = (message: string): Record<string, string> => {
      this.problems.push(this.locator.atPath('error', segments, 'value', message));
      return {};
    };
    // Stat before reading: reading a FIFO blocks until something writes to it, which may be never.
    const kind = this.files.kind(absPath);
    if (kind === 'missing') return error(`envFile not found: ${absPath}`);
    if (kind !== 'file') return error(`envFile is not a regular file: ${absPath}`);
    const text = this.files.readText(absPath);
    if (text === undefined) return error(`cannot read envFile: ${absPath}`);
    const { values, invalidLines } = parseEnvFile(text);
    if (invalidLines.length > 0) {
      const lines = `line${invalidLines.length > 1 ? 's' : ''} ${invalidLines.join(', ')}`;
      const message = `envFile ${absPath}: ${lines} skipped (not KEY=value)`;
      this.problems.push(this.locator.atPath('warning', segments, 'value', message));
    }
    for (const name of variablesWithNul(values)) error(`envFile ${absPath}: ${nulMessage(name)}`);
    return values;
  }
}
