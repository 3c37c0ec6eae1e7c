import * as assert from 'node:assert/strict';
import { isAlive } from '../../../src/core/process/killTree';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { freePort, isPortFree } from '../helpers/ports';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';

const instance = { name: 'escaper', index: 1, count: 1, root: '/nonexistent-root' };

// A process that left the group, the session and the tree (setsid, then its parent exited) is found
// by the run's marker in its environment; one that scrubbed its environment cannot be, but it no
// longer holds the run open.
describe('ManagedProcess and processes that escape the tree', () => {
  const started: ManagedProcess[] = [];
  const strays: number[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
    for (const pid of strays.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });
  function managed(...args: Array<string | number>): ProcessProbe {
    const process = new ManagedProcess(makeSpec({ command: nodeFixture('escaper.js', ...args), backoffMs: [60_000] }), instance);
    started.push(process);
    return new ProcessProbe(process);
  }
  async function daemonPid(probe: ProcessProbe): Promise<number> {
    const pid = Number((await probe.waitForLine(/^daemon (\d+)$/))[1]);
    strays.push(pid);
    return pid;
  }

  it('regression: a crash is reported although an escaped daemon holds the pipes, and the daemon is killed', async () => {
    const probe = managed('--crash');
    await probe.process.start();
    const daemon = await daemonPid(probe);

    await probe.waitForStatus('backoff');

    assert.deepEqual(probe.process.state.lastExit, { code: 1, signal: null });
    assert.equal(isAlive(daemon), false, 'the escaped daemon went with the crash');
  });

  it('regression: a crash does not leave an escaped daemon holding the port', async () => {
    const port = await freePort();
    const probe = managed('--crash', '--quiet', '--port', port);
    await probe.process.start();
    // The daemon prints its pid once it listens; the crash follows at once, so the port may already
    // be free again when the line arrives: only the end state is checked.
    const daemon = await daemonPid(probe);

    await probe.waitForStatus('backoff');

    assert.equal(isAlive(daemon), false);
    assert.equal(await isPortFree(port), true, 'the next start finds the port free');
  });

  it('regression: stop finishes and kills an escaped daemon that holds the pipes', async () => {
    const port = await freePort();
    const probe = managed('--port', port);
    await probe.process.start();
    const daemon = await daemonPid(probe);

    await probe.process.stop();

    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(isAlive(daemon), false);
    assert.equal(await isPortFree(port), true);
  });

  it('regression: a stop left running a helper that a SIGTERM handler started on its way out', async () => {
    // The helper is born after the stop's first look, in a session of its own, and the tree it
    // came from is gone at once: only the run's marker ties it to the run.
    const onTerm = `process.on('SIGTERM', () => {
      const helper = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { detached: true, stdio: 'ignore' });
      console.log('helper ' + helper.pid);
      process.exit(0);
    });
    console.log('armed');
    setInterval(() => {}, 1 << 30);`;
    const leaver = new ManagedProcess(makeSpec({ command: ['node', '-e', onTerm] }), instance);
    started.push(leaver);
    const probe = new ProcessProbe(leaver);
    await leaver.start();
    await probe.waitForLine(/^armed$/);

    await leaver.stop();

    const helper = Number((await probe.waitForLine(/^helper (\d+)$/))[1]);
    strays.push(helper);
    assert.equal(leaver.state.status, 'stopped');
    assert.equal(isAlive(helper), false, 'the helper went with the stop');
  });

  it('regression: a run ends with its root even when a holder of its pipes cannot be found', async () => {
    const probe = managed('--crash', '--scrub');
    await probe.process.start();
    const daemon = await daemonPid(probe);

    await probe.waitForStatus('backoff');

    assert.deepEqual(probe.process.state.lastExit, { code: 1, signal: null });
    // Out of reach without cgroups, as the README says: alive, and no longer ours to wait for.
    assert.equal(isAlive(daemon), true);
  });
});
