import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../core/config/loadConfig';
import type { Disposable } from '../core/events';
import { killTree } from '../core/process/killTree';
import { lifecycleText } from '../core/process/lifecycleText';
import { Supervisor } from '../core/supervisor';
import { watchFiles } from '../core/watch/fileWatcher';
import type { Printer } from './printer';
import { formatProblem, hasErrors } from './problems';
import { serialReloader } from './serialReloader';

export interface UpOptions {
  configFile: string;
  selectors: string[];
  cwd: string;
  printer: Printer;
  /** Resolves when output can no longer be written (a closed pipe): stop as for SIGTERM. */
  outputClosed: Promise<void>;
}

/**
 * `procs up`: runs processes in the foreground until SIGINT or SIGTERM, restarting watchers on change
 * and re-applying `.procs.json` when it is saved. Resolves with the exit code.
 */
export async function runUp({ configFile, selectors, cwd, printer, outputClosed }: UpOptions): Promise<number> {
  const first = await loadConfig(configFile);
  for (const problem of first.problems) printer.note(formatProblem(problem, cwd));
  if (hasErrors(first.problems) || !first.config) return 1;

  const supervisor = new Supervisor();
  await supervisor.apply(first);
  const unknown = supervisor.select(selectors).unknown;
  if (unknown.length > 0) {
    printer.note(`no process or group named ${unknown.join(', ')}`);
    return 2;
  }

  supervisor.onOutput((batch) => printer.output(batch, supervisor.get(batch.name)?.spec));
  supervisor.onDidChangeState((change) => {
    const text = lifecycleText(change);
    if (text) printer.lifecycle(change.name, text);
  });
  printer.setNames(['procs', ...supervisor.processes.map((process) => process.name)]);

  let fileWatch: Disposable | undefined;
  let watchedRoots = '';
  // A new watcher walks the whole tree again and misses changes until it is ready: only when the folders change.
  const rewatch = (): void => {
    const roots = supervisor.watchRoots();
    if (fileWatch && roots.join('\n') === watchedRoots) return;
    watchedRoots = roots.join('\n');
    fileWatch?.dispose();
    fileWatch = watchFiles(roots, (changed) => {
      const reason = `${path.relative(cwd, changed)} changed`;
      supervisor.fileChanged(changed, reason);
    });
  };
  rewatch();

  let lastProblems = '';
  const reload = serialReloader(async () => {
    const result = await loadConfig(configFile);
    const problems = result.problems.map((problem) => formatProblem(problem, cwd)).join('\n');
    if (problems !== lastProblems && problems) printer.note(problems);
    lastProblems = problems;
    if (!result.config) {
      printer.note('config has errors; keeping the last good one');
      return;
    }
    const report = await supervisor.apply(result);
    printer.setNames(['procs', ...supervisor.processes.map((process) => process.name)]);
    rewatch();
    const changes = [...report.started, ...report.restarted, ...report.stopped];
    if (changes.length > 0) printer.note(`config applied: ${describeReport(report)}`);
  });
  const configWatch = watchConfigFile(configFile, reload);

  await supervisor.up(selectors);
  const code = await untilSignalled(supervisor, printer, outputClosed);
  configWatch.close();
  fileWatch?.dispose();
  return code;
}

function describeReport(report: { started: string[]; restarted: string[]; stopped: string[] }): string {
  const parts = [
    report.started.length ? `started ${report.started.join(', ')}` : '',
    report.restarted.length ? `restarted ${report.restarted.join(', ')}` : '',
    report.stopped.length ? `stopped ${report.stopped.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** Watches the folder, not the file: editors that save by renaming would orphan a file watch. */
function watchConfigFile(configFile: string, onChange: () => void): fs.FSWatcher {
  const name = path.basename(configFile);
  return fs.watch(path.dirname(configFile), (_event, changed) => {
    if (changed === name) onChange();
  });
}

/**
 * First SIGINT/SIGTERM (or a closed stdout) stops every tree gracefully (exit 0);
 * a second signal kills them at once (exit 130).
 */
function untilSignalled(supervisor: Supervisor, printer: Printer, outputClosed: Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let killing = false;
    // Held here: the supervisor lets go of its processes as soon as disposal begins.
    let processes = supervisor.processes;
    const onSignal = (): void => {
      if (killing) return;
      if (stopping) {
        killing = true;
        printer.note('killing every process now');
        const pids = processes.flatMap((process) => (process.state.pid === undefined ? [] : [process.state.pid]));
        // Wait for the kills: leaving first would orphan whatever was not reached yet.
        void Promise.all(pids.map((pid) => killTree(pid, { signal: 'SIGKILL', timeoutMs: 0 }))).then(() => resolve(130));
        return;
      }
      stopping = true;
      processes = supervisor.processes;
      printer.note('stopping all processes (press Ctrl-C again to kill them at once)');
      void supervisor.dispose().then(() => resolve(killing ? 130 : 0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void outputClosed.then(() => {
      if (!stopping) onSignal();
    });
  });
}
