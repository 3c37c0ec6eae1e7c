// The extension-host stage: the test/vscode suites in seven launches, each its own
// code-server + Chromium with its own workspace copy (but the two hostkill launches share one).
// A suite registers only in the launch it belongs to (PROCS_TEST_MODE), so none counts as
// skipped in the others.
import { join } from 'node:path';
import { runHostKill } from './hostKill.mjs';
import { runLaunch } from './hostLaunch.mjs';
import { repoRoot } from './paths.mjs';
import { since } from './proc.mjs';
import { fixtureWorkspace } from './workspace.mjs';

const LAUNCHES = [
  { name: 'default', mode: '', source: fixtureWorkspace, checkShutdown: true },
  { name: 'multiroot', mode: 'multiroot', source: join(repoRoot, 'test', 'vscode', 'fixtures', 'multiroot'), workspaceFile: 'multiroot.code-workspace' },
  // Workspace trust stays on and nobody answers the trust dialog, so the folder stays untrusted.
  { name: 'untrusted', mode: 'untrusted', source: fixtureWorkspace, trust: true },
  // A readiness chain on its own folder (db's port probe, api's dependsOn, a liveness probe), so the
  // default folder's counts stay as its suites expect; the chain's commands find test/fixtures by env.
  {
    name: 'readiness',
    mode: 'readiness',
    source: join(repoRoot, 'test', 'vscode', 'fixtures', 'readiness'),
    checkShutdown: true,
    env: { PROCS_TEST_FIXTURES: join(repoRoot, 'test', 'fixtures') },
  },
  // A process that prints in colour and echoes its stdin, for the terminal ("Open in Terminal").
  {
    name: 'terminal',
    mode: 'terminal',
    source: join(repoRoot, 'test', 'vscode', 'fixtures', 'terminal'),
    checkShutdown: true,
    env: { PROCS_TEST_FIXTURES: join(repoRoot, 'test', 'fixtures') },
  },
  // Tasks, the view's badge and debugging, on a folder of their own.
  {
    name: 'workbench',
    mode: 'workbench',
    source: join(repoRoot, 'test', 'vscode', 'fixtures', 'workbench'),
    checkShutdown: true,
    env: { PROCS_TEST_FIXTURES: join(repoRoot, 'test', 'fixtures') },
  },
  // Two launches in order on one folder: A's host is SIGKILLed, B must stop what it left running.
  { name: 'hostkill', run: runHostKill },
];

/** Runs every launch; resolves to the summed { passed, failed, skipped, failures, figures } (throws only if a launch cannot start). */
export async function runHostSuites() {
  const total = { passed: 0, failed: 0, skipped: 0, failures: [], figures: [] };
  const only = process.env.PROCS_HOST_LAUNCH?.split(','); // e.g. `untrusted` or `default,hostkill`, to iterate
  for (const launch of LAUNCHES.filter((l) => !only || only.includes(l.name))) {
    const started = Date.now();
    console.log(`\n  ── launch: ${launch.name} ──`);
    const stats = await (launch.run ?? runLaunch)(launch);
    console.log(`  → ${launch.name}: ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped} skipped in ${since(started)}`);
    total.passed += stats.passed;
    total.failed += stats.failed;
    total.skipped += stats.skipped;
    total.failures.push(...stats.failures.map((f) => ({ ...f, title: `[${launch.name}] ${f.title}` })));
    total.figures.push(...(stats.figures ?? []).map((f) => `[${launch.name}] ${f}`));
  }
  return total;
}

/** The figures the suites reported (measured, never asserted), one per line. */
export function printFigures(stats) {
  for (const figure of stats.figures ?? []) console.log(`  figure: ${figure}`);
}
