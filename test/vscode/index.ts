// Entry point the extension host loads (extensionTestsPath): runs every
// compiled suite under out/test/vscode with mocha and reports the counts.
// The host inherits the server's environment, so PROCS_TEST_RESULTS (set on
// code-server or the desktop runner) tells us where to write the stats, and
// PROCS_TEST_MODE which launch this is (echoed back so the runner can check it).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as util from 'util';
import { figures } from './fixtures/figures';

// Tags the reporter's lines so the code-server runner can tell them apart from
// the workbench's own log chatter that reaches it on the same channel.
export const HOST_MARK = '[procs-host] ';

interface Failure {
  title: string;
  error: string;
}

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

function tagReporterOutput(): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) =>
    console.log(util.format(...args).split('\n').map((line) => HOST_MARK + line).join('\n'));
}

export function run(): Promise<void> {
  tagReporterOutput();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  for (const file of findTests(__dirname)) mocha.addFile(file);

  const stats = { mode: process.env.PROCS_TEST_MODE ?? '', passed: 0, failed: 0, skipped: 0, failures: [] as Failure[], figures };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env.PROCS_TEST_RESULTS;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(stats, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed in the extension host`));
      else resolve();
    });
    runner.on('pass', () => stats.passed++);
    runner.on('pending', () => stats.skipped++);
    runner.on('fail', (test, err: Error) => {
      stats.failed++;
      stats.failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) });
    });
  });
}
