// Starts code-server (a real VS Code server + web workbench) on loopback with
// throwaway state, in its own process group, and stops the whole group.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.mjs';
import { codeServerBin, codeServerEnv } from './paths.mjs';
import { capture, freePort, sleep } from './proc.mjs';
import { descendantsOf } from './procStat.mjs';

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

function killQuietly(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    /* gone */
  }
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export async function installVsix(vsix, extensionsDir) {
  mkdirSync(extensionsDir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), 'procs-install-'));
  const env = codeServerEnv({ XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data') });
  const args = ['--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'ud'), '--install-extension', vsix, '--force'];
  const result = await capture(codeServerBin, args, { env });
  rmSync(scratch, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`installing ${vsix} failed:\n${result.output}`);
}

/**
 * Starts code-server. Options: workspace (folder to open), port (default: free),
 * trust (false → --disable-workspace-trust), smokeDriver, extensionsDir, env (extra,
 * inherited by the extension host), echo (stream server output to the console).
 */
export async function startCodeServer(options = {}) {
  const tmp = await mkdtemp(join(tmpdir(), 'procs-cs-'));
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(tmp, 'extensions');
  const port = options.port ?? (await freePort());
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--ignore-last-opened',
  ];
  if (!options.trust) args.push('--disable-workspace-trust');
  if (options.smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.workspace) args.push(options.workspace);

  const logFile = join(tmp, 'code-server.log');
  const log = createWriteStream(logFile);
  const env = codeServerEnv({ XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data'), ...options.env });
  // detached: own process group, so stop() reaches the extension host and its children.
  const child = spawn(codeServerBin, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [child.stdout, child.stderr];
  for (const stream of output) {
    stream.pipe(log, { end: false });
    if (options.echo) stream.pipe(process.stdout, { end: false });
  }
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => (exited = true));

  let stopped;
  const kill = () => {
    for (const pid of descendantsOf(pgid)) killQuietly(pid, 'SIGKILL');
    killQuietly(-pgid, 'SIGKILL');
    if (!process.env.PROCS_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  };
  const stop = () => (stopped ??= (async () => {
    const stray = descendantsOf(pgid);
    killQuietly(-pgid, 'SIGTERM');
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
    killQuietly(-pgid, 'SIGKILL');
    for (const pid of stray) killQuietly(pid, 'SIGKILL'); // children that left the group
    unregister();
    // What the killed processes left in the pipes would be written after the end: drain it unread.
    for (const stream of output) stream.unpipe(log).resume();
    log.end();
    if (!process.env.PROCS_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  })());
  const unregister = onCleanup({ stop, kill });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, () => exited, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, pid: pgid, tmp, userDataDir, extensionsDir, logFile, stop, exthostLogTail: (n) => exthostLogTail(userDataDir, n) };
}

async function waitHealthy(url, hasExited, logFile) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`code-server exited early; log:\n${readFileSync(logFile, 'utf8')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer ${url}/healthz within 30 s (log: ${logFile})`);
}

/** Every file under `dir` whose name matches `re`, newest last. */
function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findFiles(path, re, out);
    else if (re.test(name)) out.push(path);
  }
  return out.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** Last `lines` lines of the extension host logs code-server wrote under its user-data dir. */
export function exthostLogTail(userDataDir, lines = 40) {
  const files = findFiles(join(userDataDir, 'logs'), /^(remote)?exthost\.log$/i);
  if (!files.length) return `(no extension host log found under ${join(userDataDir, 'logs')})`;
  return files.map((f) => {
    const text = readFileSync(f, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `--- ${f}\n${text}`;
  }).join('\n');
}
