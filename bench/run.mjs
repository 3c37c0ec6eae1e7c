// `npm run bench [-- --quick]`: the issue figures of `procs up` beside the floor (a bare spawn
// supervisor, bench/floor.mjs) measured in the same run, then the engine's own figures.
// On a shared 2-core machine a figure means something only next to the floor measured with it.
import * as os from 'node:os';
import { burst, change, crash, idle, stop } from './scenarios.mjs';
import { floor, procs } from './subjects.mjs';
import { printEngineFigures } from './engine.mjs';
import { median } from './lib.mjs';

const QUICK = process.argv.includes('--quick');
const REPS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 7));
const IDLE_S = QUICK ? 10 : 20;
const GRACE_MS = 500;

console.log(`procs benchmarks · ${os.cpus().length} cores · node ${process.version} · ${new Date().toISOString().slice(0, 10)}`);
console.log(`${QUICK ? 'quick: ' : ''}medians of ${REPS} runs, the floor and procs taking turns\n`);

/** Runs `scenario` `reps` times for each subject in turn and keeps every result. */
async function alternate(reps, scenario) {
  const results = { floor: [], procs: [] };
  for (let i = 0; i < reps; i++) for (const subject of [floor, procs]) results[subject.name].push(await scenario(subject));
  return results;
}
const med = (results, key) => ({ floor: median(results.floor.map((r) => r[key])), procs: median(results.procs.map((r) => r[key])) });
const worst = (results, key) => ({ floor: Math.max(...results.floor.map((r) => r[key])), procs: Math.max(...results.procs.map((r) => r[key])) });

const rows = [];
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const add = (figure, target, { floor: f, procs: p }, unit = ms) => {
  const ratio = f > 0 ? `${(p / f).toFixed(2)}×` : p === f ? '=' : '—';
  rows.push([figure, target, unit(f), unit(p), ratio]);
};

const idleRuns = await alternate(QUICK ? 1 : 2, (subject) => idle(subject, IDLE_S));
add(`idle, 10 apps with watch on: CPU over ${IDLE_S} s`, '0 ms', med(idleRuns, 'cpu'));
add('idle, 10 apps: RSS', '≈ floor', med(idleRuns, 'rss'), (mb) => `${mb.toFixed(1)} MB`);
const stops = await alternate(REPS, (subject) => stop(subject, GRACE_MS));
add(`stop: SIGTERM-ignorer + grandchild, ${GRACE_MS} ms grace`, `≤ ${GRACE_MS + 5} ms`, med(stops, 'total'));
add('  asked to stop → supervisor exited', '≈ floor', med(stops, 'whole'));
const bursts = await alternate(REPS, burst);
add('200,000 lines to a pipe: supervisor CPU', '≤ floor', med(bursts, 'cpu'));
add('  lines lost or split (worst run)', '0', worst(bursts, 'lostOrSplit'), String);
const changes = await alternate(QUICK ? 1 : 2, (subject) => change(subject, QUICK ? 5 : 10));
add('save → new child started', '≈ floor', med(changes, 'reaction'));
add('  old child still running after the new start', '0 ms', worst(changes, 'overlap'));
add('  restarted child: boot to its first line', '≈ floor', med(changes, 'boot'));
const crashes = await alternate(QUICK ? 1 : 2, (subject) => crash(subject, QUICK ? 5 : 10));
add('crash → new child started (no backoff)', '≈ floor', med(crashes, 'reaction'));

const table = [['figure', 'target', 'floor', 'procs', 'procs ÷ floor'], ...rows];
const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
for (const row of table) console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('   '));

if (!QUICK) {
  console.log('\nthe engine in-process (no floor to compare with)\n');
  await printEngineFigures(Number(process.env.BENCH_RUNS ?? 15));
}
