import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { makeTempProject, type TempProject } from './tempProject';
import { waitFor } from './waitFor';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

/** The bundled `procs` command run as a user would, with its output collected. */
export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout matches, failing with what was printed so far. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `input`: the test types into `child.stdin`; otherwise it is at its end from the start, like /dev/null. */
export function runCli(args: string[], cwd: string, { input = false } = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: 'pipe' });
  if (!input) child.stdin.end();
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (pattern, timeoutMs = 15000) =>
      waitFor(() => pattern.test(out), { timeoutMs, message: `${pattern} in output:\n${out}\n${err}` }),
  };
}

/**
 * Stops a run still going as a user would, escalating like a second Ctrl-C, so a failed test
 * leaves no children behind.
 */
export async function stopCli(run: CliRun | undefined): Promise<void> {
  if (!run || run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill('SIGTERM');
  run.child.kill('SIGINT');
  await run.exited;
}

/**
 * A temp project for each test and the `procs` run a test starts in it (`cli.run = runCli(…)`):
 * after each test the run is stopped like a user would and the project removed.
 */
export function useCliProject(): { project: TempProject; run: CliRun | undefined } {
  const cli = { project: undefined as unknown as TempProject, run: undefined as CliRun | undefined };
  beforeEach(() => (cli.project = makeTempProject()));
  afterEach(async () => {
    await stopCli(cli.run);
    cli.run = undefined;
    cli.project.remove();
  });
  return cli;
}
