import * as assert from 'node:assert/strict';
import { isAlive } from '../../../src/core/process/killTree';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { FakeClock } from '../helpers/fakeClock';
import { freePort, isPortFree } from '../helpers/ports';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';

const instance = { name: 'test', index: 1, count: 1, root: '/nonexistent-root' };

describe('ManagedProcess stop', () => {
  const started: ManagedProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
  });
  function managed(spec = makeSpec(), clock?: FakeClock): ProcessProbe {
    const process = new ManagedProcess(spec, instance, { clock });
    started.push(process);
    return new ProcessProbe(process);
  }

  it('kills grandchildren, also one that left the process group, and frees their ports', async () => {
    const [inGroup, detached] = [await freePort(), await freePort()];
    const probe = managed(makeSpec({ command: nodeFixture('grandchild-spawner.js', inGroup, detached) }));
    await probe.process.start();
    const [, grandchild, escaped] = (await probe.waitForLine(/^pids (\d+) (\d+)$/)).map(Number);
    const root = probe.process.state.pid;
    assert.ok(root && isAlive(root) && isAlive(grandchild) && isAlive(escaped));
    assert.equal(await isPortFree(inGroup), false);

    await probe.process.stop();

    assert.equal(probe.process.state.status, 'stopped');
    assert.deepEqual([root, grandchild, escaped].filter(isAlive), []);
    assert.equal(await isPortFree(inGroup), true, 'grandchild port free');
    assert.equal(await isPortFree(detached), true, 'detached grandchild port free');
  });

  it('a root that crashes takes its group with it, so the restart finds the port free', async () => {
    const port = await freePort();
    const clock = new FakeClock();
    const probe = managed(makeSpec({ command: nodeFixture('grandchild-spawner.js', port, '--crash') }), clock);
    await probe.process.start();
    const grandchild = Number((await probe.waitForLine(/^pids (\d+)$/))[1]);

    await probe.waitForStatus('backoff');

    assert.equal(isAlive(grandchild), false);
    assert.equal(await isPortFree(port), true);
    assert.equal(probe.process.state.message, 'exited with code 1 · restarting in 0.1 s');
  });

  it('force-kills a child that ignores SIGTERM once the grace period is over', async () => {
    const probe = managed(makeSpec({ command: nodeFixture('sigterm-ignorer.js'), stop: { signal: 'SIGTERM', timeoutMs: 300 } }));
    await probe.process.start();
    await probe.waitForLine(/^ready/);
    const pid = probe.process.state.pid;
    const before = Date.now();

    await probe.process.stop();

    assert.ok(Date.now() - before >= 300, 'waited the grace period first');
    assert.ok(probe.text().includes('ignored SIGTERM'), 'got SIGTERM first');
    assert.equal(pid !== undefined && isAlive(pid), false);
    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(probe.process.state.lastExit?.signal, 'SIGKILL');
  });

  it('a stop with a shorter grace (shutdown) kills a SIGTERM-ignorer long before its configured timeout', async () => {
    const probe = managed(makeSpec({ command: nodeFixture('sigterm-ignorer.js'), stop: { signal: 'SIGTERM', timeoutMs: 10 * 60_000 } }));
    await probe.process.start();
    await probe.waitForLine(/^ready/);
    const pid = probe.process.state.pid;

    // The test's own timeout is far below the configured ten minutes: finishing at all proves the bound.
    await probe.process.stop({ graceMs: 200 });

    assert.ok(probe.text().includes('ignored SIGTERM'), 'got SIGTERM first');
    assert.equal(pid !== undefined && isAlive(pid), false);
    assert.equal(probe.process.state.lastExit?.signal, 'SIGKILL');
  });

  it('restart waits for the old child to be gone: the new one binds the same port', async () => {
    const port = await freePort();
    const probe = managed(makeSpec({ command: nodeFixture('ready-server.js', port) }));
    await probe.process.start();
    const first = Number((await probe.waitForLine(/^ready (\d+)/))[1]);

    await probe.process.restart('test');
    const second = Number((await probe.waitForLine(/^ready (\d+)/, 2))[1]);

    assert.notEqual(first, second);
    assert.equal(isAlive(first), false);
    assert.equal(probe.process.state.status, 'running');
    assert.equal(probe.process.state.restarts, 1);
    assert.ok(!probe.text().some((line) => line.includes('EADDRINUSE')));
    assert.deepEqual(probe.statuses, ['starting', 'running', 'stopping', 'starting', 'running']);
  });
});
