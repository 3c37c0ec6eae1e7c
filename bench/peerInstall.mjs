// The peers at pinned versions, installed on demand into a cache folder outside the repo (never
// devDependencies of the extension): ~/.cache/procs-bench/peers, or $PROCS_BENCH_PEERS.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// concurrently 10 needs Node 22; 9.2 is its newest line that runs on the Node the project supports.
export const PINS = { nodemon: '3.1.14', pm2: '7.0.4', concurrently: '9.2.5' };

export const CACHE = process.env.PROCS_BENCH_PEERS ?? path.join(os.homedir(), '.cache/procs-bench/peers');

const installed = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(CACHE, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
};

/** Installs whichever pin is missing, then gives each peer's entry script (run with this node). */
export function ensurePeers() {
  const missing = Object.entries(PINS).filter(([name, version]) => installed(name) !== version);
  if (missing.length) {
    console.log(`installing ${missing.map(([name, version]) => `${name}@${version}`).join(' ')} into ${CACHE}`);
    fs.mkdirSync(CACHE, { recursive: true });
    const args = ['install', '--prefix', CACHE, '--no-audit', '--no-fund', '--loglevel=error', ...Object.entries(PINS).map(([n, v]) => `${n}@${v}`)];
    execFileSync('npm', args, { stdio: 'inherit' });
  }
  // Each package's own `bin` entry of its name: the path inside a package moves between versions.
  const bin = (name) => {
    const folder = path.join(CACHE, 'node_modules', name);
    return path.join(folder, JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).bin[name]);
  };
  return Object.fromEntries(Object.keys(PINS).map((name) => [name, bin(name)]));
}
