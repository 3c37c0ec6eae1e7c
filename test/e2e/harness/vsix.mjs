// The .vsix every scenario installs: taken from PROCS_VSIX (test-all packages
// it once) or built and packaged here when a scenario file is run on its own.
import { existsSync } from 'node:fs';
import { buildExtension, packageVsix } from '../../../scripts/lib/pack.mjs';

let pending;

export function getVsix() {
  pending ??= (async () => {
    if (process.env.PROCS_VSIX && existsSync(process.env.PROCS_VSIX)) return process.env.PROCS_VSIX;
    if ((await buildExtension()) !== 0) throw new Error('npm run build failed');
    return (await packageVsix()).vsix;
  })();
  return pending;
}
