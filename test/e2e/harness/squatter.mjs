// A squatter on a port: a server the test starts, not Procs and not the extension host, detached
// in its own session and process group, as a server left running in another terminal would be.
// It runs as `node server.js PORT` in a folder of its own, so it reads like one in the UI.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../../../scripts/lib/cleanup.mjs';
import { repoRoot } from '../../../scripts/lib/paths.mjs';

const SQUATTER = join(repoRoot, 'test', 'fixtures', 'squatter.js');

/**
 * Starts test/fixtures/squatter.js on 127.0.0.1:port; resolves once it holds the port, to
 * { pid, command, cwd, exited (a promise of its { code, signal }), kill() }.
 */
export async function startSquatter(port, { timeout = 10_000 } = {}) {
  const parent = await mkdtemp(join(tmpdir(), 'procs-squatter-'));
  const cwd = join(parent, 'other-app');
  mkdirSync(cwd);
  copyFileSync(SQUATTER, join(cwd, 'server.js'));
  const args = ['server.js', String(port)];
  const child = spawn(process.execPath, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone already: what a Stop It should have done
    }
    rmSync(parent, { recursive: true, force: true });
  };
  const unregister = onCleanup({ stop: async () => kill(), kill });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => fail(new Error(`the squatter did not hold port ${port} within ${timeout} ms (printed: ${printed})`)), timeout);
    const fail = (error) => {
      clearTimeout(timer);
      kill();
      unregister();
      reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => printed.includes('squatting') || fail(new Error(`the squatter exited (${code ?? signal}) before holding port ${port}: ${printed}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      printed += chunk;
      if (!/^squatting (\d+)$/m.test(printed)) return;
      clearTimeout(timer);
      child.stdout.destroy();
      resolve({ pid: child.pid, command: [process.execPath, ...args].join(' '), cwd, exited, kill: () => (kill(), unregister()) });
    });
  });
}
