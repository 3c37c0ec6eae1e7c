import * as path from 'node:path';
import type { ConfigProblem } from '../core/config/types';

/** `file:line:col: severity: message`, the form editors and terminals turn into links. */
export function formatProblem(problem: ConfigProblem, cwd: string): string {
  const file = path.relative(cwd, problem.file) || problem.file;
  return `${file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}

export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
