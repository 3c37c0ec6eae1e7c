// Reaction times of the engine: change → new spawn, crash → respawn, stop of a stubborn tree.
import { core, lineMatching, median, nextState, tempProject, tracedSpawn, wallNow } from './lib.mjs';

const IDLE = ['node', '-e', 'setInterval(() => {}, 1 << 30)'];

/**
 * A change until the new child is spawned, leaving out the old child's own exit: from the change
 * to the stop signal, plus from the moment the old child's exit is seen to the new spawn.
 */
export async function changeToSpawn(runs) {
  const project = tempProject({ processes: { app: { command: IDLE, watch: ['*.js'] } } });
  const traced = tracedSpawn();
  const supervisor = new core.Supervisor({ processDeps: { spawn: traced.spawn } });
  await supervisor.apply(await core.loadConfig(project.configFile));
  const firstRun = nextState(supervisor, 'app', (s) => s.status === 'running');
  await supervisor.up();
  await firstRun;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const stopping = nextState(supervisor, 'app', (s) => s.status === 'stopping');
    const running = nextState(supervisor, 'app', (s) => s.status === 'running');
    const t0 = wallNow();
    const { settled } = supervisor.fileChanged(`${project.root}/index.js`, 'bench');
    const [stop] = await Promise.all([stopping, running]);
    await settled;
    const [old, next] = traced.children.slice(-2);
    samples.push(reaction(stop.at - t0 + (next.spawnedAt - old.exitedAt), next));
  }
  await supervisor.dispose();
  project.remove();
  return medians(samples);
}

/** From the moment a crashed child's exit is seen to the new spawn, beyond the scheduled backoff delay. */
export async function crashToRespawn(runs) {
  const delayMs = 100;
  const project = tempProject({ processes: { crasher: { command: ['node', '-e', 'process.exit(1)'], backoff: [delayMs] } } });
  const traced = tracedSpawn();
  const supervisor = new core.Supervisor({ processDeps: { spawn: traced.spawn } });
  await supervisor.apply(await core.loadConfig(project.configFile));
  await supervisor.up();
  await until(() => traced.children.length > runs);
  await supervisor.dispose();
  project.remove();
  const samples = traced.children.slice(1, runs + 1).map((next, i) => reaction(next.spawnedAt - traced.children[i].exitedAt - delayMs, next));
  return medians(samples);
}

/** Stop of a child that ignores SIGTERM and has a grandchild: total time, and time beyond the grace period. */
export async function stubbornStop(runs) {
  const graceMs = 300;
  const stubborn =
    "process.on('SIGTERM', () => {}); require('child_process').spawn(process.execPath, ['-e', \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1 << 30)\"], { stdio: 'ignore' }); console.log('ready'); setInterval(() => {}, 1 << 30)";
  const project = tempProject({
    processes: { stubborn: { command: ['node', '-e', stubborn], stop: { signal: 'SIGTERM', timeout: graceMs } } },
  });
  const supervisor = new core.Supervisor();
  await supervisor.apply(await core.loadConfig(project.configFile));
  const totals = [];
  for (let i = 0; i < runs; i++) {
    // Wait for the child's own word that its SIGTERM handler is installed.
    const ready = lineMatching(supervisor, (text) => text === 'ready');
    await supervisor.start(['stubborn']);
    await ready;
    const t0 = wallNow();
    await supervisor.stop(['stubborn']);
    totals.push(wallNow() - t0);
  }
  await supervisor.dispose();
  project.remove();
  const total = median(totals);
  return { total, beyondGrace: total - graceMs };
}

/**
 * Stop of a 300-process tree that ignores SIGTERM (an ignored signal survives fork and exec):
 * time beyond the grace period, where only the direct SIGKILL and the reaping remain.
 */
export async function stormStop(runs, size = 300) {
  const graceMs = 500;
  const script = `trap '' TERM; i=0; while [ $i -lt ${size} ]; do sleep 600 & i=$((i+1)); done; echo forked; wait`;
  const project = tempProject({ processes: { storm: { command: ['/bin/sh', '-c', script], stop: { signal: 'SIGTERM', timeout: graceMs } } } });
  const supervisor = new core.Supervisor();
  await supervisor.apply(await core.loadConfig(project.configFile));
  const beyond = [];
  for (let i = 0; i < runs; i++) {
    const forked = lineMatching(supervisor, (text) => text === 'forked');
    await supervisor.start(['storm']);
    await forked;
    const t0 = wallNow();
    await supervisor.stop(['storm']);
    beyond.push(wallNow() - t0 - graceMs);
  }
  await supervisor.dispose();
  project.remove();
  return { beyondGrace: median(beyond) };
}

/** One look for a run's marker through every process's environment: what a stop adds while its grace runs. */
export function markerScan(runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = wallNow();
    core.findByEnvironment('PROCS_RUN=bench-no-such-token');
    samples.push(wallNow() - t0);
  }
  return { ms: median(samples), processes: core.listPids().length };
}

/** A reaction time split into Node's synchronous fork + exec and the supervisor's own work. */
function reaction(total, spawned) {
  const spawnCall = spawned.returnedAt - spawned.calledAt;
  return { total, spawnCall, own: total - spawnCall };
}

/** Medians of each figure across the samples. */
function medians(samples) {
  return Object.fromEntries(Object.keys(samples[0]).map((key) => [key, median(samples.map((sample) => sample[key]))]));
}

async function until(test) {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
}
