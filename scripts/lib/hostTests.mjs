// Runs the test/vscode mocha suites inside a real extension host: code-server
// with the smoke-test driver, opened in Chromium with the `payload` URL that
// sets extensionDevelopmentPath/extensionTestsPath. The host's console comes
// back through window.codeAutomationLog, its exit code through codeAutomationExit.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { repoRoot } from './paths.mjs';
import { copyWorkspace } from './workspace.mjs';

const DEADLINE_MS = Number(process.env.PROCS_HOST_TIMEOUT_MS || 5 * 60_000);

/** Runs the suites; resolves to { passed, failed, skipped, failures } (never throws for test failures). */
export async function runHostSuites() {
  const indexJs = join(repoRoot, 'out', 'test', 'vscode', 'index.js');
  if (!existsSync(indexJs)) throw new Error(`${indexJs} is missing: did tsc -p tsconfig.test.json run?`);
  const resultsFile = join(tmpdir(), `procs-host-results-${process.pid}-${Date.now()}.json`);
  const workspace = await copyWorkspace();
  let server;
  let browser;
  try {
    server = await startCodeServer({ workspace, smokeDriver: true, env: { PROCS_TEST_RESULTS: resultsFile } });
    browser = await launchBrowser();
    const { page } = browser;

    let exitCode;
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve((exitCode = code))).catch(() => {});
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
      for (const line of text.split('\n')) console.log(`  │ ${line}`);
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
    await browser?.close();
    await server?.stop();
    rmSync(resultsFile, { force: true });
    rmSync(join(workspace, '..'), { recursive: true, force: true });
  }
}
