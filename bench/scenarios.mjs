// The scenarios every supervisor runs (the floor, `procs up`, the peers): each starts the
// supervisor on fresh apps, acts as a user would, and reads the answer from the apps' own clocks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { median, rssMb, cpuMs, wallNow } from './lib.mjs';
import { burstReader, count, drain, newSetup, readEvents, sleep, waitEvents } from './setup.mjs';

const cpuOf = (pids) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

/** Runs `body(setup, running)` on a supervisor started on `apps`, then stops it and cleans up. */
async function withSupervisor(subject, apps, body, { readStdout = drain } = {}) {
  const setup = newSetup(apps);
  const running = subject.start(setup);
  const reader = readStdout(running.output);
  try {
    return await body(setup, running, reader);
  } finally {
    await running.stop();
    await subject.cleanup?.(setup, running);
    setup.remove();
  }
}

/** CPU over `seconds` and memory at the end, of 10 idle apps that all watch the project folder. */
export function idle(subject, seconds, apps = 10) {
  const list = Array.from({ length: apps }, (_, i) => ({ name: `app${i + 1}`, mode: 'idle', watch: true }));
  return withSupervisor(subject, list, async (setup, running) => {
    await waitEvents(setup, (events) => count(events, 'start') >= apps);
    // Start-up work (compiling, the first scans) is over within this; what follows is the steady state.
    await sleep(1000);
    const before = cpuOf(running.pids());
    await sleep(seconds * 1000);
    const cpu = cpuOf(running.pids()) - before;
    const rss = running.pids().reduce((sum, pid) => sum + rssMb(pid).total, 0);
    return { cpu, rss };
  });
}

/** Supervisor CPU while one app prints 200,000 lines, and how many arrived broken or not at all. */
export function burst(subject) {
  const apps = [{ name: 'flood', mode: 'flood' }];
  return withSupervisor(
    subject,
    apps,
    async (setup, running, reader) => {
      await waitEvents(setup, (events) => count(events, 'ready') >= 1);
      const before = cpuOf(running.pids());
      fs.writeFileSync(path.join(setup.meta, 'go'), '');
      await Promise.race([reader.done, sleep(30000)]);
      // What the supervisor still does for the last batch (a flush, a write) counts too.
      await sleep(100);
      return { cpu: cpuOf(running.pids()) - before, lostOrSplit: reader.lostOrSplit() };
    },
    { readStdout: (stream) => burstReader(stream) },
  );
}

/**
 * A file saved in the project → the new child started (by its own clock), the old child's exit
 * after the new start (overlap, should be 0), and how long the new child took to boot. A
 * supervisor that starts no new child within `timeoutMs` of a save gets `reaction: undefined`.
 */
export function change(subject, runs, timeoutMs = 20000) {
  return withSupervisor(subject, [{ name: 'app', mode: 'polite', watch: true }], async (setup) => {
    let events = await waitEvents(setup, (list) => count(list, 'start') >= 1);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const starts = count(events, 'start');
      const t0 = wallNow();
      fs.writeFileSync(path.join(setup.root, 'index.js'), `// ${i}\n`);
      events = await waitEvents(setup, (list) => count(list, 'start') > starts, timeoutMs).catch(() => undefined);
      if (!events) return { reaction: undefined, overlap: undefined, boot: undefined };
      const started = events.filter((event) => event.kind === 'start').at(-1);
      const exited = events.filter((event) => event.kind === 'exit').at(-1);
      samples.push({ reaction: started.at - t0, overlap: Math.max(0, (exited?.at ?? 0) - started.at), boot: started.boot });
      // One save may reach a watcher as several events: let them all land before the next.
      await sleep(150);
      events = await waitEvents(setup, () => true);
    }
    return medians(samples);
  });
}

/**
 * A crash (by the crashing child's clock) → the new child started, with no backoff delay. A
 * supervisor that has not restarted `runs` crashes within `timeoutMs` gets `reaction: undefined`
 * and the number of restarts it did.
 */
export function crash(subject, runs, timeoutMs = 60000) {
  return withSupervisor(subject, [{ name: 'app', mode: 'crash' }], async (setup) => {
    const events = await waitEvents(setup, (list) => count(list, 'start') > runs, timeoutMs).catch(() => readEvents(setup));
    const starts = events.filter((event) => event.kind === 'start');
    if (starts.length <= runs) return { reaction: undefined, restarts: starts.length - 1 };
    const exits = events.filter((event) => event.kind === 'exit');
    return { reaction: median(exits.slice(0, runs).map((exit, i) => starts[i + 1].at - exit.at)) };
  });
}

/**
 * Stop of an app that ignores SIGTERM and whose grandchild does too, with a 500 ms grace: from the
 * SIGTERM the app received to the moment the last of the two is gone (the fifo they hold reads its
 * end), and from asking the supervisor to stop to its own exit (what a user waits for). Two
 * still alive `giveUpMs` past the grace count as never killed.
 */
export async function stop(subject, graceMs = 500, giveUpMs = 5000) {
  const apps = [{ name: 'stubborn', mode: 'stubborn', fifo: true, graceMs }];
  const setup = newSetup(apps);
  const gone = new Promise((resolve) => fs.createReadStream(setup.apps[0].fifo).on('end', () => resolve(wallNow())).resume());
  const running = subject.start(setup);
  drain(running.output);
  try {
    await waitEvents(setup, (events) => count(events, 'ready') >= 1);
    const askedAt = wallNow();
    const stopped = running.stop().then(() => wallNow());
    const goneAt = await Promise.race([gone, sleep(graceMs + giveUpMs).then(() => undefined)]);
    const events = await waitEvents(setup, () => true);
    const term = events.find((event) => event.kind === 'term');
    if (goneAt === undefined) return { total: undefined, note: 'never killed' };
    return { total: goneAt - (term?.at ?? NaN), whole: (await stopped) - askedAt };
  } finally {
    await subject.cleanup?.(setup, running);
    setup.remove();
  }
}

function medians(samples) {
  return Object.fromEntries(Object.keys(samples[0]).map((key) => [key, median(samples.map((sample) => sample[key]))]));
}
