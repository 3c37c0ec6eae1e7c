// `npm run test:vscode`: only the extension-host suites (expects a prior build).
import { ensurePrereqs } from './lib/prereqs.mjs';
import { printFigures, runHostSuites } from './lib/hostTests.mjs';

await ensurePrereqs();
const stats = await runHostSuites();
printFigures(stats);
console.log(`${stats.passed} passed, ${stats.failed} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`);
process.exit(stats.failed ? 1 : 0);
