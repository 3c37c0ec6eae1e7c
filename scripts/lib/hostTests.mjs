// Runs the test/vscode mocha suites inside a real extension host: code-server
// with the smoke-test driver, opened in Chromium with the `payload` URL that
// sets extensionDevelopmentPath/extensionTestsPath. The host's console comes
// back through window.codeAutomationLog, its exit code through codeAutomationExit.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { repoRoot } from './paths.mjs';
import { copyWorkspace } from './workspace.mjs';

const MARK = '[procs-host] '; // must match HOST_MARK in test/vscode/index.ts
const SHOW_ALL = process.env.PROCS_HOST_LOG === 'all';
const consoleLog = join(repoRoot, 'test-results', 'vscode', 'host-console.log');
const DEADLINE_MS = Number(process.env.PROCS_HOST_TIMEOUT_MS || 5 * 60_000);

/** Runs the suites; resolves to { passed, failed, skipped, failures } (never throws for test failures). */
export async function runHostSuites() {
  const indexJs = join(repoRoot, 'out', 'test', 'vscode', 'index.js');
  if (!existsSync(indexJs)) throw new Error(`${indexJs} is missing: did tsc -p tsconfig.test.json run?`);
  const resultsFile = join(tmpdir(), `procs-host-results-${process.pid}-${Date.now()}.json`);
  const workspace = await copyWorkspace();
  let server;
  let browser;
  let logStream;
  try {
    server = await startCodeServer({ workspace, smokeDriver: true, env: { PROCS_TEST_RESULTS: resultsFile } });
    browser = await launchBrowser();
    const { page } = browser;

    // Both bindings must exist before the page loads, or the workbench never sees them.
    let exitCode;
    let onExit;
    const exited = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => onExit((exitCode = code)));
    // Everything goes to the log file; the console gets mocha's tagged lines, and
    // errors that mention the repo (our extension or tests), or all with PROCS_HOST_LOG=all.
    mkdirSync(dirname(consoleLog), { recursive: true });
    logStream = createWriteStream(consoleLog);
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      logStream.write(`[${type}] ${text}\n`);
      for (const line of text.split('\n')) {
        if (line.startsWith(MARK)) console.log(`  │ ${line.slice(MARK.length)}`);
        else if (SHOW_ALL || (type === 'error' && text.includes(repoRoot))) console.log(`  │ [${type}] ${line}`);
      }
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'vscode', 'index'))],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), DEADLINE_MS)));
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      console.error(`Extension host did not finish within ${DEADLINE_MS / 1000} s.\n${server.exthostLogTail(40)}`);
      return { passed: 0, failed: 1, skipped: 0, failures: [{ title: 'extension host run', error: 'timed out' }] };
    }
    if (!existsSync(resultsFile)) {
      // run() never got to write: the tests file failed to load, or the host crashed.
      console.error(`Extension host exited with ${exitCode} without writing results.\n${server.exthostLogTail(40)}`);
      return { passed: 0, failed: 1, skipped: 0, failures: [{ title: 'extension host run', error: `exit ${exitCode}, no results` }] };
    }
    const stats = JSON.parse(readFileSync(resultsFile, 'utf8'));
    if (exitCode !== 0 && stats.failed === 0) {
      stats.failed = 1; // mocha passed but the host still reported failure: count it, don't hide it
      stats.failures.push({ title: 'extension host run', error: `exit code ${exitCode}` });
    }
    return stats;
  } finally {
    console.log(`  (full workbench + host console: ${consoleLog})`);
    logStream?.end();
    await browser?.close();
    await server?.stop();
    rmSync(resultsFile, { force: true });
    rmSync(join(workspace, '..'), { recursive: true, force: true });
  }
}
