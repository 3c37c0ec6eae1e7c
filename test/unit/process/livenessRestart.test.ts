import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LivenessSpec, ProcessSpec, ReadinessSpec } from '../../../src/core/config/types';
import { isAlive as pidAlive } from '../../../src/core/process/killTree';
import type { ProcessState } from '../../../src/core/process/states';
import { freePort } from '../helpers/ports';
import { fixture, nodeFixture } from '../helpers/processSpec';
import { TimedProcesses } from '../helpers/timedProcesses';
import { waitFor } from '../helpers/waitFor';

describe('ManagedProcess liveness (real children, real sockets)', () => {
  const processes = new TimedProcesses();
  afterEach(() => processes.disposeAll());
  const managed = (spec: Partial<ProcessSpec>) => processes.managed(spec);

  const pidsOf = (states: readonly ProcessState[]): Set<number | undefined> =>
    new Set(states.map((s) => s.pid).filter((pid) => pid !== undefined));

  const httpHealth = (port: number, overrides: Partial<LivenessSpec>): LivenessSpec => ({
    target: { kind: 'http', url: `http://127.0.0.1:${port}/health`, status: [200, 399] },
    intervalMs: 150,
    timeoutMs: 1000,
    failures: 3,
    ...overrides,
  });

  // Liveness counts from readiness: without it, tries before the server listens would count as failures.
  const readyWhenAnswering = (port: number): ReadinessSpec => ({
    target: { kind: 'http', url: `http://127.0.0.1:${port}/health`, status: [200, 399] },
    intervalMs: 1000,
    timeoutMs: 1000,
    deadlineMs: 15_000,
  });

  it('restarts after `failures` failed tries in a row and not at the first, with reason probe', async () => {
    const port = await freePort();
    const intervalMs = 150;
    const { probe, seenAt } = managed({
      command: nodeFixture('health-server.js', port),
      ready: readyWhenAnswering(port),
      health: httpHealth(port, { intervalMs, failures: 3 }),
      backoffMs: [50],
    });
    await probe.process.start();
    await probe.waitForStatus('running');
    const firstPid = probe.process.state.pid;
    assert.ok(firstPid);

    process.kill(firstPid, 'SIGUSR1');
    await waitFor(() => probe.states.some((s) => s.probe?.ok === false), { message: 'a failed liveness try' });
    const firstFailure = probe.states.find((s) => s.probe?.ok === false) as ProcessState;
    assert.equal(firstFailure.status, 'running', 'one failure does not restart it');
    assert.equal(firstFailure.pid, firstPid);

    // The new run answers 200 again: wait until it is ready.
    await waitFor(() => probe.process.state.pid !== firstPid && probe.process.state.status === 'running', {
      timeoutMs: 10_000,
      message: 'a second run, ready',
    });
    const cut = probe.states.findIndex((s) => s.status === 'stopping');
    const stopping = probe.states[cut];
    assert.equal(stopping.reason, 'probe');
    // Two more tries, an interval apart, came between the first failure and the stop.
    const gap = (seenAt.get(stopping) ?? 0) - (seenAt.get(firstFailure) ?? 0);
    assert.ok(gap >= intervalMs, `stopped ${gap} ms after the first failure: before the third try`);
    assert.deepEqual([...pidsOf(probe.states.slice(0, cut + 1))], [firstPid], 'one run until the restart');
    const backoff = probe.states.find((s) => s.status === 'backoff');
    assert.equal(backoff?.reason, 'probe');
    assert.equal(backoff?.message, 'unhealthy: GET /health → 503, 3 times in a row · restarting in 0.05 s');
    assert.equal(pidsOf(probe.states).size, 2, 'exactly one restart');
    assert.equal(pidAlive(firstPid), false, 'the unhealthy run is gone');
  });

  it('a server that accepts but never answers fails each try at its timeout', async () => {
    const port = await freePort();
    const { probe } = managed({
      command: nodeFixture('health-server.js', port),
      ready: readyWhenAnswering(port),
      health: httpHealth(port, { intervalMs: 100, timeoutMs: 200, failures: 2 }),
      backoffMs: [60_000],
    });
    await probe.process.start();
    await probe.waitForStatus('running');
    const pid = probe.process.state.pid as number;

    process.kill(pid, 'SIGUSR2');
    await probe.waitForStatus('backoff');

    assert.equal(probe.process.state.reason, 'probe');
    assert.match(probe.process.state.message, /^unhealthy: GET \/health: no answer in 0.2 s, 2 times in a row/);
    assert.equal(pidAlive(pid), false);
  });

  it('an exec probe that hangs is killed, its whole tree, at its timeout, and the process moves on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-hang-probe-'));
    const tries = path.join(dir, 'tries');
    const triesSoFar = (): number[][] =>
      fs.existsSync(tries)
        ? fs
            .readFileSync(tries, 'utf8')
            .trim()
            .split('\n')
            .map((line) => line.split(' ').map(Number))
        : [];
    try {
      // A generous timeout: each try has started its child and written both pids before it is cut short, even on a loaded machine.
      const { probe } = managed({
        command: nodeFixture('stamped.js'),
        health: { target: { kind: 'exec', command: [process.execPath, fixture('hang-probe.js'), tries] }, intervalMs: 100, timeoutMs: 1500, failures: 3 },
        backoffMs: [60_000],
      });
      await probe.process.start();
      await probe.waitForStatus('running');
      const pid = probe.process.state.pid as number;

      // The second try begins only once the first has settled: by then the first's tree must be gone,
      // while the process itself still runs (its stop would take the probes' trees with it).
      await waitFor(() => triesSoFar().length >= 2, { message: 'a second try of the probe' });
      const [firstTry] = triesSoFar();
      assert.equal(probe.process.state.status, 'running', 'the process is still running');
      assert.equal(probe.process.state.pid, pid);
      assert.deepEqual(
        firstTry.filter((p) => pidAlive(p)),
        [],
        'the first try and its child were killed at the timeout',
      );

      await probe.waitForStatus('backoff');
      assert.equal(probe.process.state.reason, 'probe');
      assert.match(probe.process.state.message, /no answer in 1.5 s, 3 times in a row/);
      const all = triesSoFar().flat();
      assert.equal(all.length, 6, 'three tries, each a probe and its child');
      await waitFor(() => all.every((p) => !pidAlive(p)), { timeoutMs: 1000, message: `probe pids ${all.join(', ')} gone` });
      assert.equal(pidAlive(pid), false, 'the unhealthy run is gone');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
