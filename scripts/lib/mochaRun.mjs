// Runs mocha in a child process with the stats reporter and returns the counts,
// so a hanging or crashing suite cannot take the whole test run down with it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

const mochaBin = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = join(repoRoot, 'scripts', 'lib', 'statsReporter.cjs');

/**
 * args: extra mocha arguments (files, --no-config, …). Resolves to
 * { code, stats } where stats is null when mocha never reached the end.
 */
export function runMocha(args, { env = {}, timeoutMs = 15 * 60_000 } = {}) {
  const resultsFile = join(tmpdir(), `procs-mocha-${process.pid}-${Date.now()}.json`);
  return new Promise((resolve) => {
    // Same process group as us: Ctrl-C reaches it directly and its own handlers stop
    // the code-servers it started. SIGTERM first for the same reason, SIGKILL as last resort.
    const child = spawn(process.execPath, [mochaBin, '--reporter', reporter, ...args], {
      cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env, PROCS_TEST_RESULTS: resultsFile },
    });
    const terminate = () => child.kill('SIGTERM');
    let killTimer;
    const timer = setTimeout(() => {
      console.error(`mocha did not finish within ${timeoutMs / 1000} s; stopping it.`);
      terminate();
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, timeoutMs);
    process.on('exit', terminate);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.off('exit', terminate);
      const stats = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
      rmSync(resultsFile, { force: true });
      resolve({ code: code ?? (signal ? 128 : 1), stats });
    });
  });
}
