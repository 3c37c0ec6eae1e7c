// `npm run test:e2e [files…]`: only the Playwright UI scenarios. Builds and
// packages the .vsix once (the harness does it when PROCS_VSIX is unset).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMocha } from './lib/mochaRun.mjs';
import { buildExtension, packageVsix } from './lib/pack.mjs';
import { ensurePrereqs } from './lib/prereqs.mjs';

await ensurePrereqs();
if ((await buildExtension()) !== 0) process.exit(1);
const { vsix } = await packageVsix();
const files = process.argv.slice(2);
const { code, stats } = await runMocha(
  ['--no-config', '--exit', '--timeout', '120000', ...(files.length ? files : ['test/e2e/**/*.e2e.mjs'])],
  { env: { PROCS_VSIX: vsix } },
);
rmSync(dirname(vsix), { recursive: true, force: true });
if (!stats) {
  console.log(`0 passed, 1 failed (mocha exited ${code} without results)`);
  process.exit(1);
}
console.log(`${stats.passed} passed, ${stats.failed} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`);
process.exit(stats.failed ? 1 : 0);
