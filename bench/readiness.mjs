// Readiness figures: how soon after a port opens (or a line is printed) the process counts as
// ready, how soon a dependent is spawned once its dependency is ready, and what liveness costs.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { core, freePort, lineMatching, median, nextState, tempProject, tracedSpawn, wallNow } from './lib.mjs';

/**
 * Listens (or prints) after `delayMs`, printing the moment it did so by its own clock. stdout is
 * touched first: a child's first write creates the stream, a cost of its own that is not ours;
 * and so is its first console.log (about 1.3 ms of lazy set-up here), so a log child prints a line first.
 */
const lateChild = (kind, port, delayMs) => [
  'node',
  '-e',
  kind === 'log'
    ? `console.log('starting'); setTimeout(() => { const t = performance.timeOrigin + performance.now(); console.log('up ' + t); }, ${delayMs}); setInterval(() => {}, 1 << 30);`
    : // Timed in the listen callback, which runs as soon as the port is bound (a cold child needs ms to get there).
      `const s = require('${kind === 'http' ? 'http' : 'net'}').createServer((a, b) => (b ? b.end('ok') : a.end())); setTimeout(() => s.listen(${port}, '127.0.0.1', () => console.log('up ' + (performance.timeOrigin + performance.now()))), ${delayMs});`,
];

const probeFor = (kind, port) =>
  kind === 'tcp' ? { tcp: port } : kind === 'http' ? { http: `http://127.0.0.1:${port}/` } : { log: '^up ' };

/** Port open (or line printed) → state ready, by the child's own timestamp, at default probe settings. */
export async function portToReady(kind, runs) {
  const port = await freePort();
  const project = tempProject({ processes: { app: { command: lateChild(kind, port, 150), ready: probeFor(kind, port) } } });
  const supervisor = new core.Supervisor();
  await supervisor.apply(await core.loadConfig(project.configFile));
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const ready = nextState(supervisor, 'app', (s) => s.status === 'running');
    // The line may come after the state (a log probe's own line makes it ready before it is delivered).
    const up = lineMatching(supervisor, (text) => text.startsWith('up ')).then((text) => Number(text.slice(3)));
    await supervisor.start(['app']);
    const [{ at }, upAt] = await Promise.all([ready, up]);
    samples.push(at - upAt);
    await supervisor.stop(['app']);
  }
  if (process.env.BENCH_SAMPLES) console.log(kind, samples.map((s) => s.toFixed(1)).join(' '));
  await supervisor.dispose();
  project.remove();
  return median(samples);
}

/** A dependency's ready state → the dependent's spawn call: the supervisor's own work. */
export async function dependencyToSpawn(runs) {
  const port = await freePort();
  const traced = tracedSpawn();
  const project = tempProject({
    processes: {
      db: { command: lateChild('tcp', port, 50), ready: { tcp: port } },
      api: { command: ['node', '-e', 'setInterval(() => {}, 1 << 30)'], dependsOn: ['db'] },
    },
  });
  const supervisor = new core.Supervisor({ processDeps: { spawn: traced.spawn } });
  await supervisor.apply(await core.loadConfig(project.configFile));
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const dbReady = nextState(supervisor, 'db', (s) => s.status === 'running');
    const apiStarted = nextState(supervisor, 'api', (s) => s.status === 'running');
    await supervisor.start(['api']);
    const [{ at }] = await Promise.all([dbReady, apiStarted]);
    samples.push(traced.children.at(-1).calledAt - at);
    await supervisor.stopAll();
  }
  await supervisor.dispose();
  project.remove();
  return median(samples);
}

/** CPU (ms) this process uses over `seconds`, scaled to a minute of tries every 10 s (they ran every 1 s). */
async function cpuPerMinuteAt10s(seconds) {
  const before = process.cpuUsage();
  const t0 = wallNow();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(before);
  const msPerSecond = (used.user + used.system) / 1000 / ((wallNow() - t0) / 1000);
  return (msPerSecond * 60) / 10;
}

/**
 * The floor of a liveness try: what a bare Node client pays for the same tries, every 1 s to each
 * port, over `seconds` (net.connect and destroy; http.get without keep-alive, body read).
 */
async function bareTries(kind, ports, seconds) {
  const once = (port) =>
    new Promise((resolve) => {
      if (kind === 'http') {
        const request = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => response.resume().on('end', resolve));
        request.on('error', resolve);
      } else {
        const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve()));
        socket.on('error', resolve);
      }
    });
  const timer = setInterval(() => ports.forEach(once), 1000);
  const cost = await cpuPerMinuteAt10s(seconds);
  clearInterval(timer);
  return cost;
}

/**
 * What `count` ready processes' `kind` liveness probes every 10 s cost the supervisor a minute.
 * Measured at a 1 s interval (after a warm-up) and scaled, since the cost is per try; the
 * supervisor's own cost with the same processes and no probes is measured first and taken off,
 * so the figure is the probes' alone. `floor`: the same tries by a bare client, measured alike.
 */
export async function livenessCost(kind, count, seconds) {
  const ports = [];
  const processes = {};
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    ports.push(port);
    processes[`s${i}`] = { command: lateChild('http', port, 0), ready: { tcp: port } };
  }
  const project = tempProject({ processes });
  const supervisor = new core.Supervisor();
  const settle = async () => {
    while (!supervisor.processes.every((p) => p.state.status === 'running')) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 2000));
  };
  await supervisor.apply(await core.loadConfig(project.configFile));
  await supervisor.up();
  await settle();
  // Idle measured on both sides of the bare tries, the lower kept: the first look may still
  // catch the garbage of the start-up being collected.
  const firstIdle = await cpuPerMinuteAt10s(seconds);
  const bare = await bareTries(kind, ports, seconds);
  const idle = Math.min(firstIdle, await cpuPerMinuteAt10s(seconds));
  const floor = Math.max(0, bare - idle);
  for (const [i, port] of ports.entries()) {
    const health = kind === 'http' ? { http: `http://127.0.0.1:${port}/` } : { tcp: port };
    processes[`s${i}`].health = { ...health, interval: '1s' };
  }
  fs.writeFileSync(project.configFile, JSON.stringify({ processes }));
  await supervisor.apply(await core.loadConfig(project.configFile));
  await settle();
  const probed = Math.min(await cpuPerMinuteAt10s(seconds), await cpuPerMinuteAt10s(seconds));
  await supervisor.dispose();
  project.remove();
  return { probes: Math.max(0, probed - idle), floor };
}
