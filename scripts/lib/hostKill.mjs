// The SIGKILLed-extension-host scenario, two launches on ONE workspace copy (leftovers are matched
// by the absolute .procs.json path, so B must open the very folder A ran in):
//   hostkill-before: the fixture's processes start, the suite records them, the harness SIGKILLs
//                    the host (deactivate() never runs) and checks they were indeed left running;
//   hostkill-after:  a new host must stop and report them before it starts its own.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runLaunch } from './hostLaunch.mjs';
import { repoRoot } from './paths.mjs';
import { freePort, since } from './proc.mjs';
import { statFields } from './procStat.mjs';
import { copyWorkspace } from './workspace.mjs';

const FIXTURE = join(repoRoot, 'test', 'vscode', 'fixtures', 'hostkill');
export const SURVIVED_TEST = 'the processes outlive their SIGKILLed extension host';

/** Start ticks of a live process (a zombie is dead), or undefined: with the pid, names it for life. */
function startTicks(pid) {
  const fields = statFields(pid);
  return !fields || fields[0] === 'Z' ? undefined : Number(fields[19]);
}

/** Without this check the scenario proves nothing: B would find nothing to stop either way. */
function checkSurvived(recordFile) {
  const { processes } = JSON.parse(readFileSync(recordFile, 'utf8'));
  const members = processes.flatMap((run) => run.members.map((member) => ({ ...member, name: run.name })));
  const dead = members.filter((member) => startTicks(member.pid) !== member.ticks);
  if (members.length && !dead.length) return { passed: true, checked: members.length };
  return { passed: false, error: `gone with the host: ${dead.map((m) => `${m.name} (pid ${m.pid})`).join(', ') || 'nothing was recorded'}` };
}

/** SIGKILLs whatever still carries the copy's config mark, so nothing of either launch outlives the run. */
function killMarked(configFile) {
  const needle = Buffer.from(`PROCS_CONFIG=${configFile}\0`);
  const killed = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue; // exited meanwhile, or not ours
    }
    const at = environ.indexOf(needle);
    if (at === 0 || (at > 0 && environ[at - 1] === 0)) {
      try {
        process.kill(Number(entry), 'SIGKILL');
        killed.push(Number(entry));
      } catch {
        /* gone */
      }
    }
  }
  if (killed.length) console.log(`  killed ${killed.length} process(es) still marked with ${configFile}: ${killed.join(', ')}`);
}

/** Runs both launches in order; resolves to their summed { passed, failed, skipped, failures, figures }. */
export async function runHostKill() {
  const copy = await copyWorkspace(FIXTURE);
  const recordFile = join(dirname(copy), 'record.json'); // beside the copy: A writes it, B reads it
  // A fixed port that A's server holds and B's server needs: proof the leftover let go of it.
  const env = { PROCS_HOSTKILL_RECORD: recordFile, PROCS_TEST_PORT: String(await freePort()) };
  const total = { passed: 0, failed: 0, skipped: 0, failures: [], figures: [] };
  const add = (name, stats, started) => {
    console.log(`  · ${name}: ${stats.passed} passed, ${stats.failed} failed in ${since(started)}`);
    for (const key of ['passed', 'failed', 'skipped']) total[key] += stats[key];
    total.failures.push(...stats.failures.map((f) => ({ ...f, title: `${name}: ${f.title}` })));
    total.figures.push(...(stats.figures ?? []));
  };
  try {
    let started = Date.now();
    const before = await runLaunch({ name: 'hostkill-before', mode: 'hostkill-before', workspace: copy, env, killHostOn: recordFile });
    // Checked once A's code-server is stopped as well: B needs them alive when it opens the folder.
    if (!before.failed) {
      const survived = checkSurvived(recordFile);
      console.log(`  ${survived.passed ? '✔' : '✗'} ${SURVIVED_TEST}${survived.passed ? ` (${survived.checked} pids)` : `: ${survived.error}`}`);
      if (survived.passed) {
        before.passed++;
      } else {
        before.failed++;
        before.failures.push({ title: SURVIVED_TEST, error: survived.error });
      }
    }
    add('hostkill-before', before, started);
    if (before.failed) return total; // B would have nothing to find: its result would mean nothing

    started = Date.now();
    add('hostkill-after', await runLaunch({ name: 'hostkill-after', mode: 'hostkill-after', workspace: copy, env, checkShutdown: true }), started);
    return total;
  } finally {
    killMarked(join(copy, '.procs.json'));
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}
