import type { ChildProcess, SpawnOptions } from 'child_process';
import { spawn as nodeSpawn } from 'child_process';
import type { ProcessSpec } from '../config/types';
import { isDirectory } from '../isDirectory';
import { shellScript } from './commandLine';
import { describeSpawnError, envHasNul, workingDirectoryNotFound } from './messages';
import { childSearchPath, pathKeyOf, resolveOnPath } from './resolveOnPath';
import { CONFIG_VAR, SELF_ID, SUPERVISOR_VAR } from './runMarks';

/** The part of a child the engine uses, so tests can hand in a small fake. */
export type ChildHandle = Pick<ChildProcess, 'pid' | 'stdin' | 'stdout' | 'stderr' | 'on'>;

/** Same shape as `child_process.spawn`, which satisfies it. */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildHandle;

export interface SpawnTarget {
  /** Instance number, 1-based, exported as PROCS_INSTANCE. */
  index: number;
  /** Config folder: its node_modules/.bin goes first on PATH, like npm scripts. */
  root: string;
  /** Marked on the process, so a later supervisor can tell what an abruptly ended one left. */
  configFile?: string;
}

export type SpawnResult =
  | { ok: true; child: ChildHandle; viaShell: boolean; file: string }
  | { ok: false; message: string };

/**
 * Starts the command in its own process group (so a stop reaches every member) with
 * stdout/stderr piped. Expected failures come back as a message, never as a throw;
 * ENOENT/EACCES arrive later as the child's 'error' event: see `describeSpawnError`.
 */
export function spawnChild(spec: ProcessSpec, env: NodeJS.ProcessEnv, spawn: SpawnFn = nodeSpawn): SpawnResult {
  // Checked first: with a missing cwd Node reports ENOENT, which reads like a missing command.
  if (!isDirectory(spec.cwd)) return { ok: false, message: workingDirectoryNotFound(spec.cwd) };

  const viaShell = typeof spec.command === 'string';
  // A simple command replaces the shell (`exec`), so the pid is the program's; see shellScript.
  const [file, ...args] = typeof spec.command === 'string' ? ['/bin/sh', '-c', shellScript(spec.command)] : spec.command;
  if (file === undefined || file === '') return { ok: false, message: 'empty command' };
  // Node would refuse it with an error that quotes the value; say which variable, never what it holds.
  const badVariable = Object.keys(env).find((key) => key.includes('\0') || env[key]?.includes('\0'));
  if (badVariable !== undefined) return { ok: false, message: envHasNul(badVariable) };
  const options: SpawnOptions = {
    cwd: spec.cwd,
    env,
    detached: true,
    // No stdin unless asked for: a process that reads it sees end of file, as under a supervisor it should.
    stdio: [spec.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    // The child still sees the name as written, not the path it was found at.
    argv0: file,
  };
  try {
    return { ok: true, child: spawn(resolveOnPath(file, env.PATH, spec.cwd), args, options), viaShell, file };
  } catch (error) {
    // Node throws synchronously only for a few errno values (e.g. EINVAL); still a user-facing failure.
    return { ok: false, message: describeSpawnError(error as NodeJS.ErrnoException, file) };
  }
}

/**
 * process.env + spec.env + PROCS_NAME/PROCS_INSTANCE and the supervisor's marks, with the project's
 * bin folder first on PATH. `output.color` asks for colours (FORCE_COLOR=1) unless env says otherwise.
 * The run's own marker is added per run.
 */
export function childEnv(spec: ProcessSpec, target: SpawnTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(spec.output.color ? { FORCE_COLOR: '1' } : {}),
    ...spec.env,
    PROCS_NAME: spec.name,
    PROCS_INSTANCE: String(target.index),
    [SUPERVISOR_VAR]: SELF_ID,
  };
  if (target.configFile) env[CONFIG_VAR] = target.configFile;
  env[pathKeyOf(env)] = childSearchPath(env, target.root);
  return env;
}
