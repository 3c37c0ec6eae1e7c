// The floor: the least a Node supervisor can do, to measure Procs against in the same run.
// `node floor.mjs '<json>'` with { apps: [{ command: [file, ...args], cwd, watch?: folder, graceMs }] }.
// Bare spawn in a process group, raw chunks piped through (no line splitting), restart on a change
// in the folder or on a crash, stop by SIGTERM to the group and SIGKILL after the grace.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';

const { apps } = JSON.parse(process.argv[2]);
const stops = apps.map(supervise);
const leave = () => Promise.all(stops.map((stop) => stop())).then(() => process.exit(0));
process.once('SIGTERM', leave);
process.once('SIGINT', leave);

function supervise({ command: [file, ...args], cwd, watch: folder, graceMs }) {
  let child;
  let wanted = true;
  const start = () => {
    child = spawn(file, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(process.stdout, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.on('exit', () => {
      child = undefined;
      if (wanted) start();
    });
  };
  const stop = () =>
    new Promise((resolve) => {
      if (!child) return resolve();
      const group = -child.pid;
      const force = setTimeout(() => signal(group, 'SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      signal(group, 'SIGTERM');
    });
  // A change stops the child; its exit starts the next one.
  if (folder) watch(folder, () => void stop());
  start();
  return () => {
    wanted = false;
    return stop();
  };
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
