// What resource sampling costs: with 10 running trees at the 2 s interval, with nobody looking,
// and how soon a port a server opens shows in the samples.
import * as fs from 'node:fs';
import { core, freePort, lineMatching, median, nextState, tempProject, wallNow } from './lib.mjs';

const INTERVAL_MS = 2000;
// A shell with two children: three processes a tree, at the cost of a few kilobytes each.
const TREE = 'sleep 100000 & sleep 100000 & wait';

async function runningTrees(count, options) {
  const processes = Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, { command: TREE }]));
  const project = tempProject({ processes });
  const supervisor = new core.Supervisor(options);
  await supervisor.apply(await core.loadConfig(project.configFile));
  const running = Object.keys(processes).map((name) => nextState(supervisor, name, (s) => s.status === 'running'));
  await supervisor.up();
  await Promise.all(running);
  return { supervisor, done: async () => (await supervisor.dispose(), project.remove()) };
}

/**
 * CPU of one sample of every tree, as a share of one core at the 2 s interval (%): the mean over
 * whole cycles of the socket tables' reads (in full one sample in FULL_READ_EVERY), and the full one.
 */
export async function samplingCost(trees, runs) {
  const { supervisor, done } = await runningTrees(trees, { resources: { intervalMs: INTERVAL_MS } });
  await supervisor.resources.sampleNow(); // the baselines, and the tree walk warmed up
  const costs = [];
  for (let i = 0; i < Math.ceil(runs / core.FULL_READ_EVERY) * core.FULL_READ_EVERY; i++) {
    const before = process.cpuUsage();
    const samples = await supervisor.resources.sampleNow();
    const used = process.cpuUsage(before);
    if (samples.length !== trees || samples.some((s) => s.processCount !== 3)) throw new Error('not every tree was sampled whole');
    costs.push((used.user + used.system) / 1000);
  }
  await done();
  const mean = costs.reduce((sum, cost) => sum + cost, 0) / costs.length;
  // The warm-up read the tables (its trees' sockets were new), so every FULL_READ_EVERY-th sample after it does.
  const fullReads = costs.filter((_, i) => i % core.FULL_READ_EVERY === core.FULL_READ_EVERY - 1);
  return { perSampleMs: mean, fullReadMs: median(fullReads), percent: (mean / INTERVAL_MS) * 100 };
}

/**
 * Table reads and CPU over `seconds` with the view hidden and no limits: no reads, and no CPU
 * beyond what this process spends waiting as long with no supervisor (`idleCpuMs`).
 */
export async function hiddenCost(trees, seconds) {
  let reads = 0;
  const reader = { ...core.procReader, trees: (roots) => ((reads += roots.length), core.procReader.trees(roots)) };
  const { supervisor, done } = await runningTrees(trees, { resources: { reader, intervalMs: INTERVAL_MS } });
  await settle();
  const cpuMs = await cpuWhileWaiting(seconds);
  await done();
  await settle();
  return { reads, cpuMs, idleCpuMs: await cpuWhileWaiting(seconds) };
}

/** A second for what the last step left (exits, a collection) to pass before a wait is measured. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function cpuWhileWaiting(seconds) {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** A server's `listen()` (its own timestamp) → the first sample with its port, at the 2 s interval. */
export async function listenToPort(runs) {
  const project = tempProject({ processes: {} });
  const supervisor = new core.Supervisor({ resources: { intervalMs: INTERVAL_MS } });
  const watching = supervisor.resources.watch();
  const delays = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    // The listen comes at a random moment of the interval, as a real server's would.
    const delay = 300 + Math.round(Math.random() * INTERVAL_MS);
    const listen = `const s = require('net').createServer(); setTimeout(() => s.listen(${port}, '127.0.0.1', () => console.log('up ' + (performance.timeOrigin + performance.now()))), ${delay});`;
    fs.writeFileSync(project.configFile, JSON.stringify({ processes: { web: { command: ['node', '-e', listen] } } }));
    await supervisor.apply(await core.loadConfig(project.configFile));
    const upAt = lineMatching(supervisor, (text) => text.startsWith('up ')).then((text) => Number(text.slice(3)));
    const seenAt = new Promise((resolve) => {
      const sub = supervisor.resources.onDidSample((samples) => {
        if (samples.some((s) => s.ports.some((p) => p.port === port))) (sub.dispose(), resolve(wallNow()));
      });
    });
    await supervisor.start(['web']);
    const [up, seen] = await Promise.all([upAt, seenAt]);
    delays.push(seen - up);
    await supervisor.stop(['web']);
  }
  watching.dispose();
  await supervisor.dispose();
  project.remove();
  return { median: median(delays), max: Math.max(...delays) };
}
