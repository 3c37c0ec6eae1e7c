// `npm test`: every check, in order, with one summary line at the end.
//   prerequisites → build (esbuild + tsc) → lint → typecheck → unit (mocha)
//   → test/vscode suites in a real extension host → Playwright UI scenarios.
// Stages keep running after a failure so the summary is complete, except
// that the VS Code stages need a successful build.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { printFigures, runHostSuites } from './lib/hostTests.mjs';
import { runMocha } from './lib/mochaRun.mjs';
import { packageVsix } from './lib/pack.mjs';
import { repoRoot } from './lib/paths.mjs';
import { ensurePrereqs } from './lib/prereqs.mjs';
import { run, since } from './lib/proc.mjs';

const total = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();

function header(title) {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`);
}

/** Adds a stage's counts; `stats` null means the stage broke before reporting (one failure). */
function record(stage, stats, brokeBecause, quiet = false) {
  if (!stats) {
    total.failed += 1;
    failures.push(`${stage}: ${brokeBecause}`);
    return;
  }
  total.passed += stats.passed;
  total.failed += stats.failed;
  total.skipped += stats.skipped ?? 0;
  for (const f of stats.failures ?? []) failures.push(`${stage}: ${f.title}`);
  if (stats.failed && !stats.failures) failures.push(stage);
  if (!quiet) console.log(`→ ${stage}: ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped ?? 0} skipped`);
}

/** A command that counts as one test. */
async function check(stage, cmd, args) {
  const t = Date.now();
  const code = await run(cmd, args, { cwd: repoRoot });
  console.log(`→ ${stage}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${since(t)}`);
  record(stage, { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 }, '', true);
  return code === 0;
}

const hasFiles = (dir, re) => existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => re.test(String(f)));

header('1/7 prerequisites');
try {
  await ensurePrereqs();
} catch (err) {
  console.error(`Prerequisites failed: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

header('2/7 build (esbuild + tsc)');
const built = await check('build', 'npm', ['run', 'build', '--silent']);
// tsc still emits out/ when there are type errors; the typecheck stage reports those.
const tscCode = await run('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: repoRoot });
if (tscCode !== 0) console.log('→ tsc reported errors (out/ emitted anyway; counted in the typecheck stage)');

header('3/7 lint');
await check('lint', 'npx', ['eslint', '.']);

header('4/7 typecheck');
await check('typecheck', 'npm', ['run', 'typecheck', '--silent']);

header('5/7 unit tests (mocha)');
if (!hasFiles(join(repoRoot, 'out', 'test', 'unit'), /\.test\.js$/)) {
  console.log('→ unit: NO unit test files in out/test/unit — counted as 1 skipped');
  total.skipped += 1;
} else {
  const { code, stats } = await runMocha(['--exit']);
  record('unit', stats, `mocha exited ${code} without results`);
}

header('6/7 extension-host suites (code-server)');
if (!built) {
  console.log('→ skipped: the build failed');
} else {
  const t = Date.now();
  try {
    const stats = await runHostSuites();
    record('vscode', stats);
    printFigures(stats);
  } catch (err) {
    console.error(err.message);
    record('vscode', null, err.message.split('\n')[0]);
  }
  console.log(`  (${since(t)})`);
}

header('7/7 UI scenarios (Playwright + packaged .vsix)');
if (!built) {
  console.log('→ skipped: the build failed');
} else {
  const t = Date.now();
  let vsix;
  try {
    ({ vsix } = await packageVsix());
    record('package', { passed: 1, failed: 0 });
    console.log(`packaged ${vsix}`);
  } catch (err) {
    console.error(err.message);
    record('package', null, 'vsce package failed');
  }
  if (vsix) {
    const { code, stats } = await runMocha(
      ['--no-config', '--exit', '--timeout', '120000', 'test/e2e/**/*.e2e.mjs'],
      { env: { PROCS_VSIX: vsix } },
    );
    record('e2e', stats, `mocha exited ${code} without results`);
    console.log(`  screenshots: ${join(repoRoot, 'test-results', 'e2e')} (${since(t)})`);
    rmSync(dirname(vsix), { recursive: true, force: true });
  }
}

header(`summary (${since(started)})`);
for (const f of failures) console.log(`  ✗ ${f}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed ? 1 : 0);
