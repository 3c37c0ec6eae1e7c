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
const vsce = (vsix, extra = []) => capture(vsceBin, ['package', '--no-dependencies', '-o', vsix, ...extra], { cwd: repoRoot });

/**
 * Packages the already-built extension. Resolves to { vsix, problem }: `problem` is
 * set when a release `vsce package` fails only because README links cannot be
 * resolved (no repository in package.json); the .vsix then comes from a retry with
 * placeholder base URLs, so UI scenarios still run while the problem is reported.
 * Any other failure throws with vsce's output.
 */
export async function packageVsix(outDir) {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'procs-vsix-')));
  const vsix = join(dir, 'procs.vsix');
  let result = await vsce(vsix);
  let problem;
  if (result.code !== 0 && /Couldn't detect the repository/.test(result.output)) {
    problem = result.output.replace(/\x1b\[[0-9;]*m/g, '').trim();
    result = await vsce(vsix, ['--baseContentUrl', 'https://procs.invalid/', '--baseImagesUrl', 'https://procs.invalid/']);
  }
  if (result.code !== 0 || !existsSync(vsix)) {
    rmSync(dir, { recursive: true, force: true });
    const hint = /vsce-sign/.test(result.output)
      ? '\n(@vscode/vsce-sign looks broken: its postinstall was skipped; run `npm rebuild @vscode/vsce-sign`.)' : '';
    throw new Error(`vsce package failed (exit ${result.code}):\n${result.output}${hint}`);
  }
  return { vsix, problem };
}
