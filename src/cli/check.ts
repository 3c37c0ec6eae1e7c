import * as path from 'node:path';
import { loadConfig } from '../core/config/loadConfig';
import { formatProblem, hasErrors } from './problems';

/** `procs check`: prints every problem and returns the exit code. */
export async function runCheck(configFile: string, cwd: string, write: (text: string) => void): Promise<number> {
  const result = await loadConfig(configFile);
  for (const problem of result.problems) write(`${formatProblem(problem, cwd)}\n`);
  if (hasErrors(result.problems) || !result.config) return 1;
  const count = result.config.processes.length;
  write(`${path.relative(cwd, configFile) || configFile}: ok, ${count} process${count === 1 ? '' : 'es'}\n`);
  return 0;
}
