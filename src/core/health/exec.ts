import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { ProbeTarget } from '../config/types';
import { leadingAssignments, shownCommandLine } from '../process/commandLine';
import { killTree, type KillTreeFn } from '../process/killTree';
import { describeExit, describeSpawnError } from '../process/messages';
import { resolveOnPath } from '../process/resolveOnPath';
import { attempt } from './attempt';
import type { ProbeOptions, ProbeResult } from './probe';

type ExecTarget = Extract<ProbeTarget, { kind: 'exec' }>;

export function describeExec({ command }: ExecTarget): string {
  return `exec ${shownCommandLine(command)}`;
}

/**
 * The program's name, enough to tell which probe failed. Leading `NAME=value` words of a shell
 * command are skipped: they are environment, and may be secrets.
 */
function programName(command: string | string[]): string {
  if (typeof command !== 'string') return path.basename(command[0] ?? '');
  return leadingAssignments(command).rest.split(/\s+/)[0];
}

/**
 * Exit 0 passes. The command runs like a process's own (a string through /bin/sh -c, in cwd with
 * env, in a process group of its own) but with no output: a probe's chatter is nobody's. One that
 * outlives its timeout, or a try that is cancelled, has its whole tree killed.
 */
export function tryExec(target: ExecTarget, options: ProbeOptions, kill: KillTreeFn = killTree): Promise<ProbeResult> {
  const { command } = target;
  const label = `exec ${programName(command)}`;
  const viaShell = typeof command === 'string';
  const [file, ...args] = viaShell ? ['/bin/sh', '-c', command] : command;
  const spawnFailed = (error: unknown): ProbeResult => ({
    ok: false,
    // Only the code: Node's own message may quote an environment value.
    detail: `${label}: ${describeSpawnError(error as NodeJS.ErrnoException, file)}`,
  });
  return attempt(label, options, (settle) => {
    let child: ChildProcess;
    try {
      child = spawn(resolveOnPath(file, options.env.PATH, options.cwd), args, {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        stdio: 'ignore',
        argv0: file,
      });
    } catch (error) {
      settle(spawnFailed(error));
      return () => undefined;
    }
    let ended = false;
    child.on('error', (error) => {
      ended = true;
      settle(spawnFailed(error));
    });
    child.on('exit', (code, signal) => {
      ended = true;
      settle({ ok: code === 0, detail: `${label} ${describeExit({ code, signal }, viaShell)}` });
    });
    // Never after the exit: the pid may then belong to someone else.
    return () => (ended || child.pid === undefined ? undefined : kill(child.pid, { signal: 'SIGKILL', timeoutMs: 0 }));
  });
}
