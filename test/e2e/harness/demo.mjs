// The demo workspace (examples/demo) as the UI scenarios use it, plus checks of the real
// world behind the UI: does the web port answer, is a pid alive.
import assert from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../../scripts/lib/proc.mjs';
import { hideSecondarySideBar, useWorkbench } from './workbench.mjs';

const DEMO_PORT = '"PORT": "3000"';

// Quiet workbench for readable screenshots: no Welcome editor, no Chat (its side bar stays
// open and empty, see hideSecondarySideBar).
const WORKSPACE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
};

/**
 * Points the copy's `web` at a free port (3000 may be taken on a CI machine, and scenarios
 * may run side by side) and writes the workspace settings; returns the port.
 */
async function prepareDemo(workspace) {
  const configFile = join(workspace, '.procs.json');
  const config = readFileSync(configFile, 'utf8');
  if (!config.includes(DEMO_PORT)) throw new Error(`the demo .procs.json no longer sets ${DEMO_PORT}; update test/e2e/harness/demo.mjs`);
  const port = await freePort();
  writeFileSync(configFile, config.replace(DEMO_PORT, `"PORT": "${port}"`));
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 2)}\n`);
  return port;
}

/**
 * useWorkbench() on a copy of the demo with `wb.webPort` set, plus the steps every demo
 * scenario starts with: `wb.startAll()` opens the Procs view, clicks its Start All button and
 * waits until web and build run; returns their pids.
 */
export function useDemoWorkbench(scenario) {
  const wb = useWorkbench(scenario, {
    prepare: async (workspace) => (wb.webPort = await prepareDemo(workspace)),
    viewport: { width: 1280, height: 800 },
  });
  wb.startAll = async () => {
    await hideSecondarySideBar(wb.page);
    await wb.clickView('Procs');
    await wb.clickViewAction('Start All');
    return { web: await runningPid(wb, 'web'), build: await runningPid(wb, 'build') };
  };
  return wb;
}

/** Waits until tree item `name` shows `running · pid N`; returns N. */
export async function runningPid(wb, name, { other, timeout } = {}) {
  const pattern = other === undefined ? /^running · pid (\d+)/ : new RegExp(`^running · pid (?!${other}\\b)(\\d+)`);
  const description = await wb.waitForTreeItem(name, pattern, { timeout });
  return Number(pattern.exec(description)[1]);
}

/** GET / on 127.0.0.1:port; the body, or undefined when nothing answers. */
export function httpGet(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Asserts that the web server on `port` answers and belongs to the process the tree shows:
 * a string command runs under `/bin/sh -c`, so the tree's pid is the shell, which leads the
 * process group the server runs in (the server's own pid is in its reply).
 */
export async function assertServedBy(port, pid) {
  const body = await httpGet(port);
  const served = /\(pid (\d+)\)/.exec(body ?? '');
  assert.ok(served, `nothing answers on port ${port} (got ${JSON.stringify(body)})`);
  assert.strictEqual(processGroup(Number(served[1])), pid, `the server (pid ${served[1]}) is not in the process group of pid ${pid}`);
}

/** The process group id of `pid` (Linux: field 5 of /proc/<pid>/stat, after the parenthesised name). */
function processGroup(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** True when a fresh server can listen on 127.0.0.1:port, i.e. nobody holds it any more. */
export function canBind(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Polls `check` until it returns a truthy value (returned) or `timeout` ms pass (throws, naming `what`). */
export async function eventually(what, check, { timeout = 10_000, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
