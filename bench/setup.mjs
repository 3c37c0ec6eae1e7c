// What a scenario gives a supervisor: a project folder (watched) and, beside it, the apps' events
// file, read as the apps write it. Every time in it is the app's own clock, not ours.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh project for `apps`; `fifo: true` on an app gives it a named pipe of its own. */
export function newSetup(apps) {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'procs-bench-')));
  const root = path.join(base, 'project');
  const meta = path.join(base, 'meta');
  fs.mkdirSync(root);
  fs.mkdirSync(meta);
  fs.writeFileSync(path.join(root, 'index.js'), '');
  const events = path.join(meta, 'events');
  fs.writeFileSync(events, '');
  const withFifos = apps.map((app) => {
    if (!app.fifo) return app;
    const fifo = path.join(meta, `${app.name}.fifo`);
    execFileSync('mkfifo', [fifo]);
    return { ...app, fifo };
  });
  return { root, meta, events, apps: withFifos, remove: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** The events so far: { kind, at, pid, boot } in the order written. */
export function readEvents(setup) {
  return fs
    .readFileSync(setup.events, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, at, pid, boot] = line.split(' ');
      return { kind, at: Number(at), pid: Number(pid), boot: boot === undefined ? undefined : Number(boot) };
    });
}

/** Resolves with the events once `test(events)` holds; rejects after `timeoutMs`. */
export function waitEvents(setup, test, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const events = readEvents(setup);
      if (!test(events)) return false;
      watcher.close();
      clearTimeout(timer);
      resolve(events);
      return true;
    };
    const watcher = fs.watch(setup.meta, check);
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`timed out waiting for the apps (${readEvents(setup).length} events)`));
    }, timeoutMs);
    check();
  });
}

export const count = (events, kind) => events.filter((event) => event.kind === kind).length;

/**
 * Reads a supervisor's stdout as fast as a pipe can be read (the chunks are only kept, so a slow
 * reader does not make the supervisor's own reads bigger and cheaper), and checks the burst's
 * lines afterwards: each must have arrived whole and in order, with or without a name prefix.
 */
export function burstReader(stream, total = 200000) {
  const chunks = [];
  const last = Buffer.from(`line ${total} of the burst\n`);
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  let tail = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    chunks.push(chunk);
    // Only the end of what came so far is looked at: the last line may straddle two chunks.
    tail = Buffer.concat([tail.subarray(-last.length), chunk.subarray(-last.length)]);
    if (tail.includes(last)) resolveDone();
  });
  const lostOrSplit = () => {
    let seen = 0;
    let lost = 0;
    let outOfOrder = 0;
    for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
      const at = line.indexOf('line ');
      if (at === -1 || !line.endsWith(' of the burst')) continue;
      const n = Number(line.slice(at + 5, -13));
      if (n <= seen) outOfOrder++;
      else {
        lost += n - seen - 1;
        seen = n;
      }
    }
    return lost + (total - seen) + outOfOrder;
  };
  return { done, lostOrSplit };
}

/** Keeps a stdout read, so a supervisor never blocks on a full pipe. */
export function drain(stream) {
  stream.resume();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
