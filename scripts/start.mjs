// `npm start`: the demo. Builds and packages Procs, installs the .vsix into a
// cached extensions dir of its own, and serves examples/demo (the repo folder
// itself, so edits are real) in code-server until Ctrl-C.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { buildExtension, packageVsix } from './lib/pack.mjs';
import { cacheRoot, repoRoot } from './lib/paths.mjs';
import { freePort, since } from './lib/proc.mjs';
import { ensurePrereqs } from './lib/prereqs.mjs';
import { demoWorkspace, fixtureWorkspace } from './lib/workspace.mjs';

const t = Date.now();
await ensurePrereqs();
if ((await buildExtension()) !== 0) {
  console.error('npm run build failed');
  process.exit(1);
}
const { vsix } = await packageVsix();
// Separate from the test runs' throwaway dirs, kept between demo runs.
const extensionsDir = join(cacheRoot, 'demo-extensions');
mkdirSync(extensionsDir, { recursive: true });
await installVsix(vsix, extensionsDir);
rmSync(dirname(vsix), { recursive: true, force: true });

let workspace = demoWorkspace;
if (!existsSync(workspace)) {
  console.warn(`${workspace} does not exist yet; opening ${fixtureWorkspace} instead.`);
  workspace = existsSync(fixtureWorkspace) ? fixtureWorkspace : repoRoot;
}
const port = await freePort(Number(process.env.PORT) || 8080);
const server = await startCodeServer({ workspace, port, extensionsDir, trust: process.env.PROCS_TRUST === '1' });
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
console.log(`\n  Procs demo is running (ready in ${since(t)}):\n\n      ${url}\n\n` +
  `  Workspace: ${workspace}\n  Server log: ${server.logFile}\n  Press Ctrl-C to stop.\n`);
// Stay in the foreground; cleanup.mjs stops the process group on Ctrl-C / SIGTERM.
await new Promise(() => {});
