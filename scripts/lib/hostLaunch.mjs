// One extension-host launch: code-server with the smoke-test driver, opened in Chromium with
// the `payload` URL that sets extensionDevelopmentPath/extensionTestsPath. The host's console
// comes back through window.codeAutomationLog, its exit code through codeAutomationExit.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { checkPidsGone, sigkillHost, waitHostExit } from './hostShutdown.mjs';
import { repoRoot } from './paths.mjs';
import { copyWorkspace } from './workspace.mjs';

const MARK = '[procs-host] '; // must match HOST_MARK in test/vscode/index.ts
const SHOW_ALL = process.env.PROCS_HOST_LOG === 'all';
const DEADLINE_MS = Number(process.env.PROCS_HOST_TIMEOUT_MS || 5 * 60_000);
export const SHUTDOWN_TEST = 'no process survives extension host shutdown';

const broke = (error) => ({ passed: 0, failed: 1, skipped: 0, failures: [{ title: 'extension host run', error }] });

/**
 * Loads the page and resolves to the host's exit code, 'timeout', or 'recorded' once `recordFile`
 * (if given) exists. The caller ends `log`.
 */
async function runInPage(page, url, log, recordFile) {
  // Both bindings must exist before the page loads, or the workbench never sees them.
  let onExit;
  const exited = new Promise((resolve) => (onExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
  // Everything goes to the log file; the console gets mocha's tagged lines, and
  // errors that mention the repo (our extension or tests), or all with PROCS_HOST_LOG=all.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? format(...args) : String(args);
    // The workbench goes on logging until the browser closes; a call already on its way may land after.
    if (!log.writableEnded) log.write(`[${type}] ${text}\n`);
    for (const line of text.split('\n')) {
      if (line.startsWith(MARK)) console.log(`  │ ${line.slice(MARK.length)}`);
      else if (SHOW_ALL || (type === 'error' && text.includes(repoRoot))) console.log(`  │ [${type}] ${line}`);
    }
  });
  await page.goto(url);
  let timer;
  let poll;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), DEADLINE_MS)));
  const recorded = new Promise((resolve) => recordFile && (poll = setInterval(() => existsSync(recordFile) && resolve('recorded'), 50)));
  try {
    return await Promise.race([exited, timeout, recorded]);
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
  }
}

/**
 * Runs the suites in one launch: { name, mode (PROCS_TEST_MODE), source (fixture folder to copy),
 * workspace (an existing copy to open instead, left in place for a later launch), workspaceFile (open
 * this .code-workspace of the copy instead of the folder), trust (keep workspace trust on), env (more
 * environment for the host), checkShutdown, killHostOn (a file: once a suite writes it, with the
 * host's pid as `hostPid`, the host is SIGKILLed mid-run and the launch ends without mocha results) }.
 * Resolves to { passed, failed, skipped, failures, figures }.
 */
export async function runLaunch(launch) {
  const indexJs = join(repoRoot, 'out', 'test', 'vscode', 'index.js');
  if (!existsSync(indexJs)) throw new Error(`${indexJs} is missing: did tsc -p tsconfig.test.json run?`);
  const resultsDir = await mkdtemp(join(tmpdir(), `procs-host-${launch.name}-`));
  const resultsFile = join(resultsDir, 'results.json');
  const copy = launch.workspace ?? (await copyWorkspace(launch.source));
  const target = launch.workspaceFile ? join(copy, launch.workspaceFile) : copy;
  const consoleLog = join(repoRoot, 'test-results', 'vscode', `host-console-${launch.name}.log`);
  mkdirSync(join(consoleLog, '..'), { recursive: true });
  let server;
  let browser;
  const log = createWriteStream(consoleLog);
  try {
    // The host inherits code-server's environment: that is how the suites learn their launch.
    const env = { PROCS_TEST_MODE: launch.mode, PROCS_TEST_RESULTS: resultsFile, PROCS_TEST_RESULTS_DIR: resultsDir, ...launch.env };
    server = await startCodeServer({ workspace: target, trust: launch.trust, smokeDriver: true, env });
    browser = await launchBrowser();
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'vscode', 'index'))],
    ];
    const open = launch.workspaceFile ? 'workspace' : 'folder';
    const url = `${server.url}/?${open}=${encodeURIComponent(target)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const exitCode = await runInPage(browser.page, url, log, launch.killHostOn);
    if (exitCode === 'recorded') {
      // The suite now waits to be killed: a real SIGKILL, so deactivate() never runs and mocha never reports.
      const { hostPid } = JSON.parse(readFileSync(launch.killHostOn, 'utf8'));
      const dead = await sigkillHost(hostPid, browser.close);
      console.log(`  host ${hostPid} SIGKILLed mid-run${dead ? '' : ', yet still alive 5 s later'}`);
      return dead ? { passed: 0, failed: 0, skipped: 0, failures: [], figures: [] } : broke(`host ${hostPid} survived SIGKILL`);
    }
    if (exitCode === 'timeout') {
      console.error(`Extension host did not finish within ${DEADLINE_MS / 1000} s.\n${server.exthostLogTail(40)}`);
      return broke('timed out');
    }
    // The workbench has told the host to terminate; let it run deactivate() and exit by itself.
    const host = await waitHostExit(server.logFile);
    console.log(host ? `  host ${host.pid} exited (code ${host.code}, signal ${host.signal})` : '  host did not exit within 10 s');
    const stats = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
    const shutdown = launch.checkShutdown ? await checkPidsGone(join(resultsDir, 'pids.txt')) : undefined;
    if (shutdown) console.log(`  ${shutdown.passed ? '✔' : '✗'} ${SHUTDOWN_TEST}${shutdown.passed ? ` (${shutdown.checked} pids)` : `: ${shutdown.error}`}`);
    if (!stats) {
      // run() never got to write: the tests file failed to load, or the host crashed.
      console.error(`Extension host exited with ${exitCode} without writing results.\n${server.exthostLogTail(40)}`);
      return broke(`exit ${exitCode}, no results`);
    }
    return settle(stats, launch, exitCode, shutdown);
  } finally {
    console.log(`  (full workbench + host console: ${consoleLog})`);
    await browser?.close();
    log.end();
    await server?.stop();
    rmSync(resultsDir, { recursive: true, force: true });
    if (!launch.workspace) rmSync(join(copy, '..'), { recursive: true, force: true });
  }
}

/** Folds the host exit code, the launch check and the shutdown check into mocha's counts. */
function settle({ mode, ...stats }, launch, exitCode, shutdown) {
  const fail = (title, error) => {
    stats.failed++;
    stats.failures.push({ title, error });
  };
  if (mode !== launch.mode) fail('extension host run', `the host saw PROCS_TEST_MODE="${mode}", not "${launch.mode}"`);
  if (exitCode !== 0 && stats.failed === 0) fail('extension host run', `exit code ${exitCode}`); // don't hide it
  if (shutdown?.passed) stats.passed++;
  else if (shutdown) fail(SHUTDOWN_TEST, shutdown.error);
  return stats;
}
