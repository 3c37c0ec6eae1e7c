// `npm run bench`: prints the engine's figures as medians over repeated runs on this machine.
import * as os from 'node:os';
import { burst, idle } from './cli.mjs';
import { format } from './lib.mjs';
import { dependencyToSpawn, livenessCost, portToReady } from './readiness.mjs';
import { changeToSpawn, crashToRespawn, markerScan, stormStop, stubbornStop } from './reaction.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

console.log(`procs benchmarks · ${os.cpus().length} cores · node ${process.version} · medians of ${RUNS} runs\n`);

const row = (label, value, target = '') => console.log(`${label.padEnd(52)} ${value.padStart(12)}   ${target}`);

/**
 * Node's fork + exec is the OS creating the child, as the old child's exit is the OS ending it: it
 * varies with the machine's load (3 to 11 ms here) and no supervisor built on Node can avoid it.
 * The reaction target applies to the rest, the supervisor's own work.
 */
const reactionRows = (label, figures) => {
  row(label, format(figures.total));
  row("  Node's spawn() (fork + exec, blocking)", format(figures.spawnCall));
  row("  the supervisor's reaction (the rest)", format(figures.own), 'target < 5 ms');
};
reactionRows('change → new child spawned (old exit excluded)', await changeToSpawn(RUNS));
reactionRows('crash seen → respawn, beyond the scheduled delay', await crashToRespawn(RUNS));
const stop = await stubbornStop(Math.max(3, Math.round(RUNS / 3)));
row('stop: SIGTERM-ignorer + grandchild, 300 ms grace', format(stop.total));
row('  of which beyond the grace period', format(stop.beyondGrace), 'target ≤ 5 ms');
// Before the storm, whose 300 dead children may wait a while to be reaped and would count here.
const scan = markerScan(RUNS);
row(`marker scan of ${scan.processes} processes (runs while the grace does)`, format(scan.ms));
const storm = await stormStop(3);
row('stop: 300-process tree ignoring SIGTERM, 500 ms grace', `+${format(storm.beyondGrace)}`, 'beyond the grace: the reaping');
const flood = await burst(Math.max(3, Math.round(RUNS / 3)));
row('200,000-line burst through procs up: time', format(flood.time));
row('200,000-line burst: supervisor CPU', format(flood.cpu), 'target < 300 ms');
const quiet = await idle(10, 5);
row('10 idle processes: supervisor CPU over 5 s', format(quiet.cpu), 'target 0 ms');
row('10 idle processes: supervisor RSS', `${quiet.rss.total.toFixed(1)} MB`, 'target < 50 MB');
row('  of which its own (anonymous) memory', `${quiet.rss.anon.toFixed(1)} MB`);
for (const kind of ['log', 'tcp', 'http']) {
  row(`${kind} probe: ${kind === 'log' ? 'line printed' : 'listen'} → state ready`, format(await portToReady(kind, RUNS)), `target ≤ ${kind === 'log' ? 2 : 15} ms`);
}
row('dependency ready → dependent spawn() called', format(await dependencyToSpawn(RUNS)), 'target ≤ 5 ms');
for (const kind of ['http', 'tcp']) {
  row(`10 ready processes, ${kind} liveness every 10 s: CPU a minute`, format(await livenessCost(kind, 10, 5)), 'target < 20 ms');
}

