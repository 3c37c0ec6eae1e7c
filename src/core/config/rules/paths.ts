import * as path from 'path';
import type { PathKind } from '../../isDirectory';
import type { ConfigFiles } from '../configFiles';
import { formatPath, type ProblemLocator } from '../problems';
import type { RawConfig } from '../rawConfig';
import type { ConfigProblem, ProcessSpec } from '../types';

/** What stands at a cwd that is not a folder. */
const CWD_MESSAGES: Record<Exclude<PathKind, 'directory'>, string> = {
  missing: 'folder not found',
  file: 'is a file, not a folder',
  other: 'is not a folder',
};

/**
 * Working directories and log file folders that cannot be used. Warnings, not errors: another
 * process may create a missing folder (a build output), and the process itself reports it plainly
 * and backs off until it exists. A few stats per process, so it stays cheap on every save.
 */
export function checkPaths(raw: RawConfig, specs: readonly ProcessSpec[], files: ConfigFiles, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const warn = (segments: string[], message: string): void => {
    problems.push(locator.atPath('warning', segments, 'value', `${formatPath(segments)}: ${message}`));
  };
  for (const spec of specs) {
    const kind = raw.processes[spec.name].cwd === undefined ? 'directory' : files.kind(spec.cwd);
    if (kind !== 'directory') warn(['processes', spec.name, 'cwd'], `${CWD_MESSAGES[kind]}: ${spec.cwd}`);
    const blocker = spec.output.logFile === undefined ? undefined : logFolderBlocker(spec.output.logFile, files);
    if (blocker) {
      const what = blocker.kind === 'file' ? 'is a file' : 'is not a folder';
      warn(['processes', spec.name, 'output', 'logFile'], `cannot create log file ${spec.output.logFile}: ${blocker.path} ${what}`);
    }
  }
  return problems;
}

/**
 * The log file's folders are created as needed, so only the nearest one that exists matters: if
 * that is not a folder (`notes.txt/api.log` with notes.txt a file), the log can never be written.
 */
function logFolderBlocker(logFile: string, files: ConfigFiles): { path: string; kind: PathKind } | undefined {
  let folder = path.dirname(logFile);
  let kind = files.kind(folder);
  while (kind === 'missing' && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
    kind = files.kind(folder);
  }
  return kind === 'file' || kind === 'other' ? { path: folder, kind } : undefined;
}
