import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_SETTLE_MS, loadConfig } from '../core/config/loadConfig';
import type { Disposable } from '../core/events';
import { describeLeftovers, stopLeftovers } from '../core/process/leftovers';
import { lifecycleText } from '../core/process/lifecycleText';
import { Supervisor } from '../core/supervisor';
import { watchFiles } from '../core/watch/fileWatcher';
import type { Printer } from './printer';
import { formatProblem, hasErrors } from './problems';
import { serialReloader } from './serialReloader';
import { handleShutdown } from './shutdown';

/** Our own stdout as a sink that can fall behind (a slow reader of a pipe). */
export interface OutputBacklog {
  /** Bytes written but not yet taken by the reader. */
  pending(): number;
  /** Calls back once, when the reader has caught up. */
  onDrain(callback: () => void): void;
}

/** Past this much unread output the children are made to wait, so our memory stays bounded. */
const STDOUT_BACKLOG_LIMIT = 1024 * 1024;

export interface UpOptions {
  configFile: string;
  selectors: string[];
  cwd: string;
  printer: Printer;
  /** Resolves when output can no longer be written (a closed pipe): stop as for SIGTERM. */
  outputClosed: Promise<void>;
  stdout: OutputBacklog;
  /** `--attach NAME`: our input goes to that process's stdin. */
  attach?: { name: string; input: NodeJS.ReadableStream };
}

/**
 * `procs up`: runs processes in the foreground until SIGINT or SIGTERM, restarting watchers on change
 * and re-applying `.procs.json` when it is saved. Resolves with the exit code.
 */
export async function runUp({ configFile, selectors, cwd, printer, outputClosed, stdout, attach }: UpOptions): Promise<number> {
  const supervisor = new Supervisor();
  const shutdown = handleShutdown(supervisor, printer, outputClosed);
  const first = await loadConfig(configFile);
  for (const problem of first.problems) printer.note(formatProblem(problem, cwd));
  if (hasErrors(first.problems) || !first.config) return 1;

  // What a supervisor killed with SIGKILL left running still holds its ports: gone before anything starts.
  const leftovers = await stopLeftovers(first.config.file);
  await supervisor.apply(first);
  const unknown = supervisor.select(selectors).unknown;
  if (unknown.length > 0 && !shutdown.requested) {
    printer.note(`no process or group named ${unknown.join(', ')}`);
    return 2;
  }
  if (attach) {
    const refused = attachInput(supervisor, attach.name, attach.input);
    if (refused) {
      printer.note(refused);
      return 2;
    }
  }

  let held: Disposable | undefined;
  let closed = false;
  const release = (): void => {
    held?.dispose();
    held = undefined;
  };
  supervisor.onOutput((batch) => {
    printer.output(batch, supervisor.get(batch.name)?.spec);
    if (held || closed || stdout.pending() <= STDOUT_BACKLOG_LIMIT) return;
    held = supervisor.outputGate.hold();
    stdout.onDrain(release);
  });
  // A reader that went away never drains: holding on would keep the stop from reading the pipes to their end.
  void outputClosed.then(() => {
    closed = true;
    release();
  });
  supervisor.onDidChangeState((change) => {
    const text = lifecycleText(change);
    if (text) printer.lifecycle(change.name, text);
  });
  printer.setNames(['procs', ...supervisor.processes.map((process) => process.name)]);
  if (leftovers.length > 0) printer.note(describeLeftovers(leftovers));

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
    const problems = result.problems.map((problem) => formatProblem(problem, cwd));
    // Said once: a save that changed nothing of them (or a second event of the same save) is no news.
    const news = problems.join('\n') !== lastProblems;
    lastProblems = problems.join('\n');
    if (news) for (const problem of problems) printer.note(problem);
    if (!result.config) {
      if (news) printer.note('config has errors; keeping the last good one');
      return;
    }
    let report;
    try {
      report = await supervisor.apply(result);
    } catch (error) {
      // Nothing is applied then, and a rejection here would end procs up with its children orphaned.
      printer.note(`could not apply the config (${error instanceof Error ? error.message : String(error)}); keeping the last good one`);
      return;
    }
    printer.setNames(['procs', ...supervisor.processes.map((process) => process.name)]);
    rewatch();
    const changes = [...report.started, ...report.restarted, ...report.stopped];
    if (changes.length > 0) printer.note(`config applied: ${describeReport(report)}`);
  });
  const configWatch = watchConfigFile(configFile, reload);

  // Not awaited: a signal during start-up must be heard while processes are still starting.
  void supervisor.up(selectors);
  const code = await shutdown.done;
  configWatch.close();
  fileWatch?.dispose();
  return code;
}

/**
 * Forwards `input` to the stdin of process `name`, looked up at each chunk: a config reload may
 * replace the process. The end of our input closes its stdin. Returns why it cannot, if it cannot.
 */
function attachInput(supervisor: Supervisor, name: string, input: NodeJS.ReadableStream): string | undefined {
  const process = supervisor.get(name);
  if (!process) return `--attach: no process named ${name}`;
  if (!process.spec.stdin) return `--attach: ${name} has no stdin; set "stdin": true for it in .procs.json`;
  input.on('data', (chunk: Buffer | string) => supervisor.get(name)?.writeInput(chunk.toString()));
  input.on('end', () => supervisor.get(name)?.endInput());
  return undefined;
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
function watchConfigFile(configFile: string, onChange: () => void): { close(): void } {
  const name = path.basename(configFile);
  let settling: NodeJS.Timeout | undefined;
  const watcher = fs.watch(path.dirname(configFile), (_event, changed) => {
    if (changed !== name) return;
    clearTimeout(settling);
    settling = setTimeout(onChange, CONFIG_SETTLE_MS);
  });
  return {
    close: () => {
      clearTimeout(settling);
      watcher.close();
    },
  };
}
