// `npm run bench:peers [-- --quick]`: the scenarios of `npm run bench` run against nodemon, pm2
// and concurrently (pinned, installed on demand outside the repo, see peerInstall.mjs), each in
// its default configuration and its fastest honest one, beside the floor and `procs up` measured
// in the same run; one markdown table at the end.
import * as os from 'node:os';
import { burst, change, crash, idle, stop } from './scenarios.mjs';
import { floor, procs } from './subjects.mjs';
import { concurrently, nodemon, pm2 } from './peers.mjs';
import { ensurePeers, PINS } from './peerInstall.mjs';
import { median } from './lib.mjs';

const QUICK = process.argv.includes('--quick');
const REPS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const RESTARTS = QUICK ? 3 : 8;
const IDLE_S = QUICK ? 3 : 10;
const GIVE_UP_MS = QUICK ? 2000 : 5000;
const GRACE_MS = 500;
// Ctrl-C still ends the run through 'exit', where every pm2 daemon is killed.
process.once('SIGINT', () => process.exit(130));

const bins = ensurePeers();
const subjects = [
  { ...floor, settings: 'bare spawn, raw pipe (`bench/floor.mjs`)' },
  { ...procs, settings: '`backoff: [0]`, `stop.timeout: 500`' },
  ...[nodemon, pm2, concurrently].flatMap((peer) => [peer(bins[peer.name], false), peer(bins[peer.name], true)]),
];
const label = (subject) => (subject.name in PINS ? `${subject.name} ${PINS[subject.name]}` : subject.name);

/** Runs `scenario` for every subject in turn, `reps` times, keeping each subject's results. */
async function rounds(reps, scenario) {
  const results = subjects.map(() => []);
  for (let i = 0; i < reps; i++) for (const [at, subject] of subjects.entries()) results[at].push(await scenario(subject));
  return results;
}

const t0 = Date.now();
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
/** The median of `key`, or `never` when any run saw nothing happen. */
const cell = (runs, key, never = 'never') => (runs.some((run) => run[key] === undefined) ? never : ms(median(runs.map((run) => run[key]))));

const idles = await rounds(1, (subject) => idle(subject, IDLE_S));
const stops = await rounds(REPS, (subject) => stop(subject, GRACE_MS, GIVE_UP_MS));
const bursts = await rounds(REPS, burst);
const changes = await rounds(1, (subject) => (subject.watches === false ? { reaction: undefined } : change(subject, RESTARTS, 3000)));
const crashes = await rounds(1, (subject) => crash(subject, RESTARTS, 3000 + RESTARTS * 600));

const header = [
  'supervisor',
  'settings',
  'save → new child',
  'crash → new child',
  `stop: SIGTERM-ignorer + grandchild (${GRACE_MS} ms grace where one can be set)`,
  '200,000 lines: supervisor CPU',
  `idle, 10 apps: CPU over ${IDLE_S} s`,
  'idle RSS',
];
const rows = subjects.map((subject, at) => {
  const lost = Math.max(...bursts[at].map((run) => run.lostOrSplit));
  return [
    label(subject),
    subject.settings,
    subject.watches === false ? 'no watch' : cell(changes[at], 'reaction'),
    cell(crashes[at], 'reaction', `never (${crashes[at][0].restarts ?? 0} restarts)`),
    cell(stops[at], 'total', `never (alive ${GRACE_MS + GIVE_UP_MS} ms on)`),
    ms(median(bursts[at].map((run) => run.cpu))) + (lost ? ` (${lost} lines lost or split)` : ''),
    ms(median(idles[at].map((run) => run.cpu))) + (subject.watches === false ? ' (no watch)' : ''),
    `${median(idles[at].map((run) => run.rss)).toFixed(0)} MB`,
  ];
});

console.log(`\n${os.cpus().length} cores · node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${QUICK ? 'quick, ' : ''}medians of ${REPS} runs (${RESTARTS} saves and crashes) · ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);
