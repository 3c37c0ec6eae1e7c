// Build and package the extension the way users get it: a .vsix from vsce.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { capture, run } from './proc.mjs';

/** npm run build (esbuild); returns the exit code. */
export const buildExtension = () => run('npm', ['run', 'build', '--silent'], { cwd: repoRoot });

const vsceBin = join(repoRoot, 'node_modules', '.bin', 'vsce');
// --no-dependencies: dist/ is bundled by esbuild, so node_modules is not shipped.
// --no-rewrite-relative-links: README images ship inside the package (media/), no repository URL needed.
const vsce = (vsix) =>
  capture(vsceBin, ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: repoRoot });

/** Packages the already-built extension; resolves to { vsix }, or throws with vsce's output. */
export async function packageVsix(outDir) {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'procs-vsix-')));
  const vsix = join(dir, 'procs.vsix');
  const result = await vsce(vsix);
  if (result.code !== 0 || !existsSync(vsix)) {
    rmSync(dir, { recursive: true, force: true });
    const hint = /vsce-sign/.test(result.output)
      ? '\n(@vscode/vsce-sign looks broken: its postinstall was skipped; run `npm rebuild @vscode/vsce-sign`.)' : '';
    throw new Error(`vsce package failed (exit ${result.code}):\n${result.output}${hint}`);
  }
  return { vsix };
}
