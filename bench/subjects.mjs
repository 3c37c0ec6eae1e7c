// The supervisors a scenario can run: the floor and `procs up`, each started as its own process on
// the same apps, so CPU, memory and timings are read the same way for both (the peers join in peers.mjs).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI } from './lib.mjs';

export const APP = path.resolve(import.meta.dirname, 'fixtures/app.cjs');
const FLOOR = path.resolve(import.meta.dirname, 'floor.mjs');

/** The command line of one app of a setup: `node app.cjs <mode> <events> [fifo]`. */
export const appArgs = (setup, app) => [APP, app.mode, setup.events, ...(app.fifo ? [app.fifo] : [])];

/**
 * A supervisor started (each subject's `start(setup)`, setup from `newSetup`) as `child`: `output`
 * is where the apps' lines come out, `pids()` the processes whose CPU and memory count as its own,
 * `stop()` ends it as a user would.
 */
export function launched(child, { output = child.stdout, pids = () => [child.pid], stop } = {}) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    output,
    pids,
    exited,
    stop: stop ?? (() => (child.kill('SIGTERM'), exited)),
  };
}

export const floor = {
  name: 'floor',
  start(setup) {
    const apps = setup.apps.map((app) => ({
      command: [process.execPath, ...appArgs(setup, app)],
      cwd: setup.root,
      watch: app.watch ? setup.root : undefined,
      graceMs: app.graceMs ?? 500,
    }));
    return launched(spawn(process.execPath, [FLOOR, JSON.stringify({ apps })], { stdio: ['ignore', 'pipe', 'inherit'] }));
  },
};

export const procs = {
  name: 'procs',
  start(setup) {
    const processes = {};
    for (const app of setup.apps) {
      processes[app.name] = {
        command: [process.execPath, ...appArgs(setup, app)],
        watch: app.watch ? ['*.js'] : [],
        stop: { signal: 'SIGTERM', timeout: app.graceMs ?? 500 },
        // Its fastest honest setting: a crash is restarted at once, as the floor does.
        backoff: [0],
      };
    }
    fs.writeFileSync(path.join(setup.root, '.procs.json'), JSON.stringify({ processes }));
    return launched(spawn(process.execPath, [CLI, 'up'], { cwd: setup.root, stdio: ['ignore', 'pipe', 'inherit'] }));
  },
};
