// The demo workspace (examples/demo) as the UI scenarios use it, plus checks of the real
// world behind the UI: does the web port answer, is a pid alive.
import assert from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../../scripts/lib/proc.mjs';
import { treeRowSelector } from './ui.mjs';
import { hideSecondarySideBar, useWorkbench } from './workbench.mjs';

// The demo's ports as its .procs.json spells them: web's in its env and probes, db's in the
// shared env and db's ready probe.
const DEMO_PORTS = { web: { marker: '"PORT": "3000"', port: '3000' }, db: { marker: '"DB_PORT": "5433"', port: '5433' } };

// Quiet workbench for readable screenshots: no Welcome editor, no Chat (its side bar stays
// open and empty, see hideSecondarySideBar); terminals drawn in the DOM, so their text can be read.
const WORKSPACE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'terminal.integrated.gpuAcceleration': 'off',
};

/**
 * A port nobody listens on, below Linux's ephemeral range (32768 and up): a probe's connect to a
 * closed ephemeral port can be given that very port as its own and connect to itself, which a
 * readiness probe would take for "ready".
 */
async function freeLowPort(taken) {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.includes(port) && (await canBind(port))) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/**
 * Points the copy's web and db at free ports (3000 and 5433 may be taken on a CI machine, and
 * scenarios may run side by side) and writes the workspace settings; returns the ports.
 */
async function prepareDemo(workspace) {
  const configFile = join(workspace, '.procs.json');
  let config = readFileSync(configFile, 'utf8');
  const ports = {};
  for (const [name, { marker, port }] of Object.entries(DEMO_PORTS)) {
    if (!config.includes(marker)) throw new Error(`the demo .procs.json no longer sets ${marker}; update test/e2e/harness/demo.mjs`);
    ports[name] = await freeLowPort(Object.values(ports));
    config = config.replace(new RegExp(`\\b${port}\\b`, 'g'), String(ports[name]));
  }
  writeFileSync(configFile, config);
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 2)}\n`);
  return ports;
}

/**
 * useWorkbench() on a copy of the demo with `wb.webPort` and `wb.dbPort` set, plus the steps
 * every demo scenario starts with: `wb.openProcs()` shows the Procs view, `wb.startAll()` also
 * clicks its Start All button and waits until db, web and build run; returns their pids.
 * `prepare(workspace)`: more changes to the copy, after the ports are set.
 */
export function useDemoWorkbench(scenario, { prepare } = {}) {
  const wb = useWorkbench(scenario, {
    prepare: async (workspace) => {
      const ports = await prepareDemo(workspace);
      wb.webPort = ports.web;
      wb.dbPort = ports.db;
      await prepare?.(workspace);
    },
    viewport: { width: 1280, height: 800 },
  });
  wb.openProcs = async () => {
    await hideSecondarySideBar(wb.page);
    await wb.clickView('Procs');
    // Its rows, not just the view: until the extension has read .procs.json, what a scenario does
    // next (a palette command, a title button) races the activation.
    await wb.page.locator(treeRowSelector('web')).waitFor({ state: 'visible', timeout: 30_000 });
  };
  wb.startAll = async () => {
    await wb.openProcs();
    await wb.clickViewAction('Start All');
    // web waits for db, which takes a few seconds to accept connections.
    const web = await runningPid(wb, 'web', { timeout: 30_000 });
    return { db: await runningPid(wb, 'db'), web, build: await runningPid(wb, 'build') };
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
 * Asserts that the web server on `port` answers and is the process the tree shows: a simple
 * string command is exec'd by the shell, so the tree's pid is the server's own (it is in its reply).
 */
export async function assertServedBy(port, pid) {
  const body = await httpGet(port);
  const served = /\(pid (\d+)\)/.exec(body ?? '');
  assert.ok(served, `nothing answers on port ${port} (got ${JSON.stringify(body)})`);
  assert.strictEqual(Number(served[1]), pid, `the server is pid ${served[1]}, the tree shows ${pid}`);
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
