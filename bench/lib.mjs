// Shared bits for the benchmark scripts: statistics, /proc readings, temp projects.
import { spawn as nodeSpawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const OUT = path.resolve(import.meta.dirname, '../out/src/core');

/** The engine as compiled by `tsc -p tsconfig.test.json`. */
export const core = {
  Supervisor: require(`${OUT}/supervisor.js`).Supervisor,
  loadConfig: require(`${OUT}/config/loadConfig.js`).loadConfig,
  findByEnvironment: require(`${OUT}/system/procTable.js`).findByEnvironment,
  listPids: require(`${OUT}/system/procTable.js`).listPids,
  procReader: require(`${OUT}/system/treeSample.js`).procReader,
  FULL_READ_EVERY: require(`${OUT}/system/socketTables.js`).FULL_READ_EVERY,
  linesOf: require(`${OUT}/process/outputTypes.js`).linesOf,
};

/** Resolves with the text of the first output line, of any process, that `matches`. */
export function lineMatching(supervisor, matches) {
  return new Promise((resolve) => {
    const sub = supervisor.onOutput((batch) => {
      const line = core.linesOf(batch.blocks).find((l) => matches(l.text));
      if (!line) return;
      sub.dispose();
      resolve(line.text);
    });
  });
}

export const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');

/** A port the OS just handed out on loopback, released again for a child to take. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function format(ms) {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** High-resolution wall clock shared across processes (epoch-based). */
export const wallNow = () => performance.timeOrigin + performance.now();

export function tempProject(config) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'procs-bench-')));
  const configFile = path.join(root, '.procs.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  return { root, configFile, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * CPU time (user + system) of every thread of a process so far, in ms, from the scheduler's own
 * nanosecond count: /proc/<pid>/stat's 10 ms ticks are too coarse for a figure of tens of ms.
 */
export function cpuMs(pid) {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended while we looked
    }
  }
  return ns / 1e6;
}

/** Resident memory in MB: all of it, and the process's own (anonymous) part without the shared node binary. */
export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return { total: field('VmRSS'), anon: field('RssAnon') };
}

/** Resolves with the first state change of `name` that satisfies `test`. */
export function nextState(supervisor, name, test) {
  return new Promise((resolve) => {
    const subscription = supervisor.onDidChangeState((change) => {
      if (change.name === name && test(change.current)) {
        subscription.dispose();
        resolve({ at: wallNow(), state: change.current });
      }
    });
  });
}

/**
 * A spawn for the supervisor that notes, per child, when spawn() was called and returned (Node
 * forks and execs synchronously), when the child was spawned, and when its exit was seen.
 */
export function tracedSpawn() {
  const children = [];
  const spawn = (...args) => {
    const trace = { calledAt: wallNow(), returnedAt: undefined, spawnedAt: undefined, exitedAt: undefined };
    const child = nodeSpawn(...args);
    trace.returnedAt = wallNow();
    child.on('spawn', () => (trace.spawnedAt = wallNow()));
    child.on('exit', () => (trace.exitedAt = wallNow()));
    children.push(trace);
    return child;
  };
  return { spawn, children };
}
