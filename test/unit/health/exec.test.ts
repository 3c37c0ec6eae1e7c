import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { tryProbe } from '../../../src/core/health/probe';
import { isAlive } from '../../../src/core/process/killTree';
import { findByEnvironment } from '../../../src/core/system/procTable';
import { FIXTURES, nodeFixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

const options = { cwd: FIXTURES, env: process.env, timeoutMs: 5000 };

/** The probe's env carries a marker its whole tree inherits, so the test can find every pid of it. */
function marked(): { env: NodeJS.ProcessEnv; pids: () => number[] } {
  const [key, value] = ['PROCS_PROBE_TEST', randomUUID()];
  return { env: { ...process.env, [key]: value }, pids: () => findByEnvironment(`${key}=${value}`) };
}

describe('exec probe (real processes)', () => {
  it('passes on exit 0', async () => {
    assert.deepEqual(await tryProbe({ kind: 'exec', command: nodeFixture('probe-exit.js', 0) }, options), {
      ok: true,
      detail: 'exec node exited with code 0',
    });
  });

  it('fails on another exit code, naming it', async () => {
    assert.deepEqual(await tryProbe({ kind: 'exec', command: nodeFixture('probe-exit.js', 3) }, options), {
      ok: false,
      detail: 'exec node exited with code 3',
    });
  });

  it('a string runs through the shell, in cwd with env, and no value reaches the detail', async () => {
    const env = { ...process.env, PROBE_VALUE: 'hunter2' };
    const passing = await tryProbe({ kind: 'exec', command: 'test "$PROBE_VALUE" = hunter2 && test -f probe-exit.js' }, { ...options, env });
    assert.deepEqual(passing, { ok: true, detail: 'exec test exited with code 0' });
    const failing = await tryProbe({ kind: 'exec', command: 'TOKEN=hunter2 sh -c "exit 5"' }, { ...options, env });
    assert.deepEqual(failing, { ok: false, detail: 'exec sh exited with code 5' });
  });

  it('a missing command fails with a message, through the shell or not', async () => {
    const viaShell = await tryProbe({ kind: 'exec', command: 'no-such-probe-command' }, options);
    assert.equal(viaShell.detail, 'exec no-such-probe-command command not found (the shell exited with code 127)');
    const direct = await tryProbe({ kind: 'exec', command: ['no-such-probe-command'] }, options);
    assert.deepEqual(direct, { ok: false, detail: 'exec no-such-probe-command: command not found: no-such-probe-command' });
  });

  it('one that hangs fails at the timeout, and its whole tree is killed', async () => {
    const { env, pids } = marked();
    const trying = tryProbe({ kind: 'exec', command: nodeFixture('probe-exit.js', '--hang') }, { ...options, env, timeoutMs: 3000 });
    await waitFor(() => pids().length === 2, { message: 'the probe and its child', timeoutMs: 2500 });
    const tree = pids();

    assert.deepEqual(await trying, { ok: false, detail: 'exec node: no answer in 3 s' });
    assert.deepEqual(tree.filter(isAlive), []);
  });

  it('an abort kills the tree of a try under way at once', async () => {
    const { env, pids } = marked();
    const abort = new AbortController();
    const trying = tryProbe({ kind: 'exec', command: nodeFixture('probe-exit.js', '--hang') }, { ...options, env, signal: abort.signal });
    await waitFor(() => pids().length === 2, { message: 'the probe and its child' });
    const tree = pids();

    abort.abort();

    assert.equal((await trying).ok, false);
    assert.deepEqual(tree.filter(isAlive), []);
  });
});
