// Throwaway copies of workspaces, so tests never edit files in the repo.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.mjs';
import { repoRoot } from './paths.mjs';

export const fixtureWorkspace = join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace');
export const demoWorkspace = join(repoRoot, 'examples', 'demo');

const MINIMAL_CONFIG = {
  processes: { hello: { command: 'node -e "setInterval(()=>{},1000)"', autostart: false } },
};

/** Copies `source` (or a minimal one-process workspace if it does not exist) into a temp dir. */
export async function copyWorkspace(source = fixtureWorkspace) {
  const parent = await mkdtemp(join(tmpdir(), 'procs-ws-'));
  const dir = join(parent, 'workspace');
  // Removed on Ctrl-C / exit too; callers may also remove it earlier (idempotent).
  const remove = () => rmSync(parent, { recursive: true, force: true });
  onCleanup({ stop: async () => remove(), kill: remove });
  if (existsSync(source)) {
    cpSync(source, dir, { recursive: true });
  } else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.procs.json'), `${JSON.stringify(MINIMAL_CONFIG, null, 2)}\n`);
  }
  return dir;
}
