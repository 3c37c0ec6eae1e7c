import type { ProcessSpec } from '../config/types';
import { shownCommandLine } from './commandLine';
import { describeExit } from './messages';
import type { ProcessOutput } from './processOutput';
import { Run, type RunDeps } from './run';

export type StepResult = { ok: true } | { ok: false; message: string };

export interface BeforeStep {
  /** Settles once the step has ended and its output is delivered. */
  readonly result: Promise<StepResult>;
  /** Stops the step's whole tree (a stop or a newer restart came first); asked again, the same stop. */
  stop(): Promise<void>;
  /** SIGKILL to the step's whole tree at once (a second Ctrl-C). */
  kill(): Promise<void>;
}

/**
 * Runs a process's `before` command to completion, in its cwd with its environment, its output
 * in the process's own, between two lines that say it is the step's. Exit 0 lets the start go on.
 */
export function startBeforeStep(spec: ProcessSpec, env: NodeJS.ProcessEnv, deps: RunDeps, output: ProcessOutput): BeforeStep {
  const command = spec.before ?? [];
  const label = `before: ${shownCommandLine(command)}`;
  output.note('stdout', `── ${label} ──`);
  // A copy: Run.start marks the env with its run, and the process's own env belongs to its current run.
  const started = Run.start({ ...spec, command }, { ...env }, deps, { output: (stream, bytes, lineCount) => output.block(stream, bytes, lineCount), spawned: () => undefined });
  if (!started.ok) {
    const nothing = async (): Promise<void> => undefined;
    return { result: Promise.resolve({ ok: false, message: `${label}: ${started.message}` }), stop: nothing, kill: nothing };
  }
  const { run } = started;
  const result = run.ended.then(async (outcome): Promise<StepResult> => {
    await output.flush();
    if (outcome.spawnError) return { ok: false, message: `${label}: ${outcome.spawnError}` };
    const exit = outcome.exit ?? { code: null, signal: null };
    if (exit.code === 0) return { ok: true };
    return { ok: false, message: `${label} ${describeExit(exit, run.viaShell)}` };
  });
  // Once: a second stop signal is "force quit" to many tools; a kill is what escalates.
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await run.stop(spec.stop.signal, spec.stop.timeoutMs);
    await result;
  };
  return {
    result,
    stop: () => (stopping ??= stop()),
    kill: async () => {
      await run.kill();
      await result;
    },
  };
}
