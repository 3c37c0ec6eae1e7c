// The engine's own figures, measured in-process: reaction split into Node's fork + exec and the
// supervisor's work, stops of stubborn trees, readiness and liveness probes. Node's fork + exec
// is the OS creating the child: it varies with the machine's load and no Node supervisor avoids
// it, so the reaction target applies to the rest.
import { core, format } from './lib.mjs';
import { dependencyToSpawn, livenessCost, portToReady } from './readiness.mjs';
import { changeToSpawn, crashToRespawn, markerScan, stormStop, stubbornStop } from './reaction.mjs';
import { hiddenCost, listenToPort, samplingCost } from './resources.mjs';

const row = (label, value, target = '') => console.log(`${label.padEnd(52)} ${value.padStart(12)}   ${target}`);

export async function printEngineFigures(runs) {
  const reactionRows = (label, figures) => {
    row(label, format(figures.total));
    row("  Node's spawn() (fork + exec, blocking)", format(figures.spawnCall));
    row("  the supervisor's reaction (the rest)", format(figures.own), 'target < 5 ms');
  };
  reactionRows('change → new child spawned (old exit excluded)', await changeToSpawn(runs));
  reactionRows('crash seen → respawn, beyond the scheduled delay', await crashToRespawn(runs));
  const stop = await stubbornStop(Math.max(3, Math.round(runs / 3)));
  row('stop: SIGTERM-ignorer + grandchild, 300 ms grace', format(stop.total));
  row('  of which beyond the grace period', format(stop.beyondGrace), 'target ≤ 5 ms');
  // Before the storm, whose 300 dead children may wait a while to be reaped and would count here.
  const scan = markerScan(runs);
  row(`marker scan of ${scan.processes} processes (runs while the grace does)`, format(scan.ms));
  const storm = await stormStop(3);
  row('stop: 300-process tree ignoring SIGTERM, 500 ms grace', `+${format(storm.beyondGrace)}`, 'beyond the grace: the reaping');
  for (const kind of ['log', 'tcp', 'http']) {
    row(`${kind} probe: ${kind === 'log' ? 'line printed' : 'listen'} → state ready`, format(await portToReady(kind, runs)), `target ≤ ${kind === 'log' ? 2 : 15} ms`);
  }
  row('dependency ready → dependent spawn() called', format(await dependencyToSpawn(runs)), 'target ≤ 5 ms');
  for (const kind of ['http', 'tcp']) {
    const liveness = await livenessCost(kind, 10, 10);
    row(`10 ready processes, ${kind} liveness every 10 s: CPU a minute`, format(liveness.probes), 'target < 20 ms');
    row(`  the same tries by a bare Node client (the floor)`, format(liveness.floor));
  }
  const sampling = await samplingCost(10, runs);
  row('sampling 10 trees of 3 processes, 2 s interval: CPU', `${sampling.percent.toFixed(3)} %`, 'target < 0.5 % of one core');
  row('  one sample of all 10 trees (mean)', format(sampling.perSampleMs));
  row(`  one that reads the socket tables (1 in ${core.FULL_READ_EVERY}, median)`, format(sampling.fullReadMs));
  const hidden = await hiddenCost(10, 5);
  row('view hidden, no limits: table reads over 5 s', String(hidden.reads), 'target 0');
  row('  supervisor CPU over those 5 s', format(hidden.cpuMs), `target 0 ms beyond waiting 5 s with no supervisor: ${format(hidden.idleCpuMs)}`);
  const listen = await listenToPort(Math.max(3, Math.round(runs / 3)));
  row("server's listen() → port in a sample (median)", format(listen.median));
  row('  the slowest', format(listen.max), `target ≤ ${2000} ms (one interval)`);
}
