import * as path from 'path';
import type { PathKind } from '../../isDirectory';
import type { ConfigFiles } from '../configFiles';
import type { Segment } from 'jsonc-parser';
import { formatPath, type ProblemLocator } from '../problems';
import type { RawConfig } from '../rawConfig';
import { instanceLogPath } from '../../process/logFile';
import { childSearchPath } from '../../process/resolveOnPath';
import type { ConfigProblem, ProcessSpec } from '../types';

/** What stands at a cwd that is not a folder. */
const CWD_MESSAGES: Record<Exclude<PathKind, 'directory'>, string> = {
  missing: 'folder not found',
  file: 'is a file, not a folder',
  other: 'is not a folder',
};

/**
 * Working directories, log files and programs that cannot be used. Warnings, not errors: another
 * process may create a missing folder (a build output) or install a program, and the process
 * itself reports it plainly and backs off until it exists. A few stats per process, so it stays
 * cheap on every save. Programs are looked for on the PATH a process would get.
 */
export function checkPaths(raw: RawConfig, specs: readonly ProcessSpec[], root: string, files: ConfigFiles, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const warn = (segments: Segment[], message: string): void => {
    problems.push(locator.atPath('warning', segments, 'value', `${formatPath(segments)}: ${message}`));
  };
  for (const spec of specs) {
    const kind = raw.processes[spec.name].cwd === undefined ? 'directory' : files.kind(spec.cwd);
    if (kind !== 'directory') warn(['processes', spec.name, 'cwd'], `${CWD_MESSAGES[kind]}: ${spec.cwd}`);
    const logFile = spec.output.logFile;
    const blocker = logFile === undefined ? undefined : logFolderBlocker(logFile, files);
    if (blocker) {
      const what = blocker.kind === 'file' ? 'is a file' : 'is not a folder';
      warn(['processes', spec.name, 'output', 'logFile'], `cannot create log file ${logFile}: ${blocker.path} ${what}`);
    } else if (logFile !== undefined && instanceLogFiles(logFile, spec.instances).some((file) => files.kind(file) === 'directory')) {
      warn(['processes', spec.name, 'output', 'logFile'], `cannot write log file ${logFile}: it is a folder`);
    }
    // A list runs its program itself (a string goes through the shell, which says what it lacks).
    const [program] = Array.isArray(spec.command) ? spec.command : [];
    if (program !== undefined && kind === 'directory' && !files.runs(program, childSearchPath({ ...process.env, ...spec.env }, root), spec.cwd)) {
      warn(['processes', spec.name, 'command', 0], program.includes('/') ? `${program} is not an executable file` : `${program} is not found on PATH`);
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

/** The files the instances write: the log file itself, or `api.1.log`, `api.2.log`, … */
function instanceLogFiles(logFile: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => instanceLogPath(logFile, i + 1, count));
}
