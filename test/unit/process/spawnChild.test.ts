import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { childEnv } from '../../../src/core/process/spawnChild';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';

describe('spawnChild', () => {
  it('adds the spec env and PROCS_* to the inherited env and puts the project bin first on PATH', () => {
    const env = childEnv(makeSpec({ name: 'api', env: { PORT: '3000' } }), { index: 2, root: '/proj' });
    assert.equal(env.PORT, '3000');
    assert.equal(env.PROCS_NAME, 'api');
    assert.equal(env.PROCS_INSTANCE, '2');
    assert.equal(env.HOME, process.env.HOME);
    assert.ok(env.PATH?.startsWith(`${path.join('/proj', 'node_modules', '.bin')}${path.delimiter}`));
  });

  it('runs a string command through the shell in the spec cwd with that env', async () => {
    const spec = makeSpec({ command: 'echo "$PROCS_NAME $PROCS_INSTANCE $(pwd)"', cwd: '/tmp', restart: 'never' });
    const process = new ManagedProcess(spec, { name: 'test#2', index: 2, count: 2, root: '/' });
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('exited');
    assert.deepEqual(probe.text(), ['test 2 /tmp']);
    assert.equal(process.state.message, 'exited with code 0');
    await process.dispose();
  });
});
