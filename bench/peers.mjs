// nodemon, pm2 and concurrently as subjects of the same scenarios as the floor and `procs up`
// (see subjects.mjs), each in its default configuration and in its fastest honest one.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { APP, appArgs } from './subjects.mjs';
import { kill, killLeftovers, supervisorPids } from './procTree.mjs';

const exitOf = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve)));

/**
 * Several supervisor processes (one nodemon per app) seen as one: their outputs merged. Stopped
 * with SIGINT, as Ctrl-C in their terminal would (concurrently restarts a child it ended on
 * SIGTERM when `--restart-tries` is set).
 */
function group(children, setup) {
  const output = new PassThrough();
  for (const child of children) child.stdout.pipe(output, { end: false });
  const exited = Promise.all(children.map(exitOf));
  return {
    child: children[0],
    children,
    output,
    exited,
    pids: () => supervisorPids(children.map((child) => child.pid), setup),
    stop: () => (children.forEach((child) => child.kill('SIGINT')), exited),
  };
}

function cleanup(setup, running) {
  for (const child of running.children ?? [running.child]) kill(child.pid);
  killLeftovers(setup);
}

/** nodemon supervises one app a process: one nodemon per app, each watching the project (its cwd). */
export function nodemon(bin, fastest) {
  const flags = fastest ? ['--no-stdin', '--quiet', '--ext', 'js'] : [];
  return {
    name: 'nodemon',
    settings: fastest ? '`--no-stdin --quiet --ext js` (no grace or force kill to set)' : 'defaults',
    start: (setup) =>
      group(
        setup.apps.map((app) => spawn(process.execPath, [bin, ...flags, ...appArgs(setup, app)], { cwd: setup.root, stdio: ['ignore', 'pipe', 'inherit'] })),
        setup,
      ),
    cleanup,
  };
}

// Quoted only where needed: concurrently strips the quotes around a whole command.
const quote = (arg) => (/^[\w/.,:=+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/** concurrently runs every app in one process, its lines prefixed; it has no watch. */
export function concurrently(bin, fastest) {
  return {
    name: 'concurrently',
    watches: false,
    // Its `--kill-timeout` applies to `--kill-others` only: nothing forces a stop on Ctrl-C.
    settings: fastest ? '`--restart-tries -1 --restart-after 0` (no force kill on Ctrl-C to set)' : 'defaults',
    start(setup) {
      const flags = fastest ? ['--restart-tries', '-1', '--restart-after', '0'] : [];
      const names = ['--names', setup.apps.map((app) => app.name).join(',')];
      const commands = setup.apps.map((app) => [process.execPath, ...appArgs(setup, app)].map(quote).join(' '));
      const child = spawn(process.execPath, [bin, ...flags, ...names, ...commands], { cwd: setup.root, stdio: ['ignore', 'pipe', 'inherit'] });
      return group([child], setup);
    },
    cleanup,
  };
}

// Every pm2 daemon started, killed by pid when the benchmark ends however it ends.
const daemons = new Set();
process.on('exit', () => daemons.forEach((pid) => kill(pid)));

/**
 * pm2 runs its daemon with a private PM2_HOME in the scenario's folder; the apps' lines go to its
 * log files, read here as they grow. Stopped with `pm2 kill` (every app, then the daemon).
 */
export function pm2(bin, fastest) {
  return {
    name: 'pm2',
    settings: fastest ? '`interpreter: none` (node run directly), `kill_timeout: 500`, `vizion: false`, `pmx: false`, `automation: false`' : 'defaults (`pm2 start app.cjs`)',
    start(setup) {
      const home = path.join(setup.meta, 'pm2');
      fs.mkdirSync(home);
      const env = { ...process.env, PM2_HOME: home };
      const apps = setup.apps.map((app) => {
        const common = { name: app.name, cwd: setup.root, watch: app.watch ? true : false };
        if (!fastest) return { ...common, script: APP, args: appArgs(setup, app).slice(1) };
        const speed = { interpreter: 'none', kill_timeout: app.graceMs ?? 500, vizion: false, pmx: false, automation: false };
        return { ...common, ...speed, script: process.execPath, args: appArgs(setup, app) };
      });
      const file = path.join(setup.meta, 'pm2-apps.json');
      fs.writeFileSync(file, JSON.stringify({ apps }));
      const pm2Cli = (...args) => spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      const cli = pm2Cli('start', file);
      const daemonPid = () => {
        try {
          return Number(fs.readFileSync(path.join(home, 'pm2.pid'), 'utf8'));
        } catch {
          return undefined;
        }
      };
      const running = {
        child: cli,
        output: follow(path.join(home, 'logs', `${setup.apps[0].name}-out.log`)),
        exited: exitOf(cli),
        daemon: undefined,
        pids: () => supervisorPids([running.daemon ?? daemonPid()].filter(Boolean), setup),
        stop: () => exitOf(pm2Cli('kill')),
      };
      running.exited.then(() => {
        running.daemon = daemonPid();
        if (running.daemon) daemons.add(running.daemon);
      });
      return running;
    },
    async cleanup(setup, running) {
      running.output.stop();
      await running.exited.catch(() => undefined);
      if (running.daemon) {
        kill(running.daemon);
        daemons.delete(running.daemon);
      }
      killLeftovers(setup);
    },
  };
}

/** A growing file as a stream (polled: it may not exist yet); `stop()` ends the polling. */
function follow(file) {
  const output = new PassThrough();
  const buffer = Buffer.allocUnsafe(1 << 20);
  let fd;
  let position = 0;
  const poll = setInterval(() => {
    try {
      fd ??= fs.openSync(file, 'r');
    } catch {
      return;
    }
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, position)) > 0; position += n) output.write(Buffer.from(buffer.subarray(0, n)));
  }, 20);
  output.stop = () => {
    clearInterval(poll);
    if (fd !== undefined) fs.closeSync(fd);
  };
  return output;
}
