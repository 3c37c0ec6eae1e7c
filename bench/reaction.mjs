// Reaction times of the engine: change → new spawn, crash → respawn, stop of a stubborn tree.
import { core, median, nextState, tempProject, wallNow } from './lib.mjs';

const IDLE = ['node', '-e', 'setInterval(() => {}, 1 << 30)'];

/** Time the supervisor itself spends on a change: until the stop signal, plus from the old tree's end to the new spawn. */
export async function changeToSpawn(runs) {
  const project = tempProject({ processes: { app: { command: IDLE, watch: ['*.js'] } } });
  const supervisor = new core.Supervisor();
  await supervisor.apply(await core.loadConfig(project.configFile));
  await supervisor.up();
  await nextStateOrNow(supervisor, 'app');
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const stopping = nextState(supervisor, 'app', (s) => s.status === 'stopping');
    const starting = nextState(supervisor, 'app', (s) => s.status === 'starting');
    const running = nextState(supervisor, 'app', (s) => s.status === 'running');
    const t0 = wallNow();
    const { settled } = supervisor.fileChanged(`${project.root}/index.js`, 'bench');
    const [stop, start, run] = await Promise.all([stopping, starting, running]);
    await settled;
    // The old child's own exit time lies between stopping and starting; leave it out.
    samples.push(stop.at - t0 + (run.at - start.at));
  }
  await supervisor.dispose();
  project.remove();
  return median(samples);
}

/** How late a crashed child is respawned, beyond the scheduled backoff delay. */
export async function crashToRespawn(runs) {
  const delayMs = 100;
  const crash = ['node', '-e', 'console.log(performance.timeOrigin + performance.now()); process.exit(1)'];
  const project = tempProject({ processes: { crasher: { command: crash, backoff: [delayMs] } } });
  const supervisor = new core.Supervisor();
  const exits = [];
  supervisor.onOutput((batch) => exits.push(...batch.lines.map((line) => Number(line.text))));
  await supervisor.apply(await core.loadConfig(project.configFile));
  const samples = [];
  const firstRun = nextState(supervisor, 'crasher', (s) => s.status === 'running');
  await supervisor.up();
  await firstRun;
  for (let i = 0; i < runs; i++) {
    const crashedAt = await new Promise((resolve) => {
      const sub = supervisor.onDidChangeState(({ name, current }) => {
        if (name === 'crasher' && current.status === 'backoff') {
          sub.dispose();
          resolve(exits.at(-1));
        }
      });
    });
    const respawn = await nextState(supervisor, 'crasher', (s) => s.status === 'running');
    samples.push(respawn.at - crashedAt - delayMs);
  }
  await supervisor.dispose();
  project.remove();
  return median(samples);
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
    const ready = new Promise((resolve) => {
      const sub = supervisor.onOutput((batch) => {
        if (batch.lines.some((line) => line.text === 'ready')) {
          sub.dispose();
          resolve();
        }
      });
    });
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

async function nextStateOrNow(supervisor, name) {
  if (supervisor.get(name)?.state.status === 'running') return;
  await nextState(supervisor, name, (s) => s.status === 'running');
}
