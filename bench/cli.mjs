// Figures for `procs up` as a user runs it: a 200,000-line burst, and the cost of idle processes.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, cpuMs, median, rssMb, tempProject, wallNow } from './lib.mjs';

/** Starts `procs up` on a project and resolves helpers to watch its output. */
function startCli(root) {
  const child = spawn(process.execPath, [CLI, 'up'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  const waiters = [];
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const text = tail + chunk;
    const parts = text.split('\n');
    tail = parts.pop();
    lines += parts.length;
    for (const part of parts) for (const waiter of [...waiters]) if (waiter.pattern.test(part)) waiter.resolve(wallNow());
  });
  const waitFor = (pattern) => new Promise((resolve) => waiters.push({ pattern, resolve }));
  const stop = () => new Promise((resolve) => {
    child.on('close', resolve);
    child.kill('SIGINT');
  });
  return { child, waitFor, stop, lines: () => lines };
}

/** Waits for a trigger file, then writes 200,000 lines as fast as it can. */
const FLOOD = `
const fs = require('fs');
const go = () => { let s = ''; for (let i = 1; i <= 200000; i++) { s += 'line ' + i + ' of the burst\\n'; if (i % 5000 === 0) { process.stdout.write(s); s = ''; } } };
const watcher = fs.watch('.', (e, name) => { if (name === 'go') { watcher.close(); go(); } });
console.log('waiting');
`;

export async function burst(runs) {
  const times = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const project = tempProject({ processes: { flood: { command: ['node', '-e', FLOOD] } } });
    const cli = startCli(project.root);
    await cli.waitFor(/\| waiting$/);
    const done = cli.waitFor(/── exited with code 0/);
    const cpuBefore = cpuMs(cli.child.pid);
    const t0 = wallNow();
    fs.writeFileSync(path.join(project.root, 'go'), '');
    const t1 = await done;
    cpus.push(cpuMs(cli.child.pid) - cpuBefore);
    times.push(t1 - t0);
    const printed = cli.lines();
    await cli.stop();
    project.remove();
    if (printed < 200000) throw new Error(`only ${printed} lines arrived`);
  }
  return { time: median(times), cpu: median(cpus) };
}

export async function idle(count, seconds) {
  const processes = {};
  for (let i = 1; i <= count; i++) processes[`idle${i}`] = { command: ['node', '-e', 'setInterval(() => {}, 1 << 30)'] };
  const project = tempProject({ processes });
  const cli = startCli(project.root);
  // Every waiter is registered before any line can arrive: several start lines come in one chunk.
  await Promise.all(Object.keys(processes).map((name) => cli.waitFor(new RegExp(`^${name}\\s*\\| ── started`))));
  // Let start-up work (JIT, GC) settle before measuring the steady state.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpuBefore = cpuMs(cli.child.pid);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const result = { cpu: cpuMs(cli.child.pid) - cpuBefore, rss: rssMb(cli.child.pid) };
  await cli.stop();
  project.remove();
  return result;
}
