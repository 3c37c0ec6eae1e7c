import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProbeTarget, ProcessSpec, ReadinessSpec } from '../../../src/core/config/types';
import { isAlive as pidAlive } from '../../../src/core/process/killTree';
import type { ProcessState } from '../../../src/core/process/states';
import { freePort, isPortFree } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';
import type { ProcessProbe } from '../helpers/processProbe';
import { TimedProcesses } from '../helpers/timedProcesses';

/** A readiness spec with a deadline long enough for a slow machine; the tries themselves are fast. */
function ready(target: ProbeTarget, overrides: Partial<ReadinessSpec> = {}): ReadinessSpec {
  return { target, intervalMs: 1000, timeoutMs: 1000, deadlineMs: 15_000, ...overrides };
}

describe('ManagedProcess readiness probes (real children, real sockets)', () => {
  const processes = new TimedProcesses();
  afterEach(() => processes.disposeAll());
  const managed = (spec: Partial<ProcessSpec>) => processes.managed(spec);

  /** The first state with this status. */
  function first(probe: ProcessProbe, status: ProcessState['status']): ProcessState {
    const state = probe.states.find((s) => s.status === status);
    assert.ok(state, `a ${status} state (seen: ${probe.statuses.join(' → ')})`);
    return state;
  }

  it('tcp: stays starting after the spawn and is running only once the port has opened', async () => {
    const port = await freePort();
    const { probe, seenAt } = managed({
      command: nodeFixture('late-listener.js', port, 400),
      ready: ready({ kind: 'tcp', host: '127.0.0.1', port }),
    });
    await probe.process.start();
    await probe.waitForStatus('running');
    const listeningAt = Number((await probe.waitForLine(/^listening (\d+)$/))[1]);

    const spawned = probe.states.find((s) => s.status === 'starting' && s.pid !== undefined);
    assert.ok(spawned, `spawned and still starting (seen: ${probe.statuses.join(' → ')})`);
    const running = first(probe, 'running');
    assert.ok((seenAt.get(running) ?? 0) >= listeningAt, 'running is not reported before the bind');
    assert.equal(running.pid, spawned.pid);
    assert.equal(running.reason, 'user');
    assert.equal(running.probe?.ok, true);
    assert.equal(running.probe?.probe, `tcp 127.0.0.1:${port}`);
    assert.ok((running.probe?.readyAfterMs ?? 0) >= listeningAt - (spawned.startedAt ?? 0) - 5, `readyAfterMs ${running.probe?.readyAfterMs}`);
  });

  it('http: running once GET answers with a status in range', async () => {
    const port = await freePort();
    const { probe } = managed({
      command: nodeFixture('health-server.js', port),
      ready: ready({ kind: 'http', url: `http://127.0.0.1:${port}/health`, status: [200, 299] }),
    });
    await probe.process.start();
    await probe.waitForStatus('running');

    assert.ok(probe.states.some((s) => s.status === 'starting' && s.pid !== undefined), 'starting after the spawn');
    const running = first(probe, 'running');
    assert.equal(running.probe?.ok, true);
    assert.match(running.probe?.detail ?? '', /→ 200$/);
  });

  it('http: an answer outside the range never makes it ready, and the deadline ends the start', async () => {
    const port = await freePort();
    const { probe } = managed({
      command: nodeFixture('health-server.js', port),
      // Long enough for the server to be up and answer 404 before the deadline, even on a loaded machine.
      ready: ready({ kind: 'http', url: `http://127.0.0.1:${port}/elsewhere`, status: [200, 299] }, { deadlineMs: 3000 }),
      backoffMs: [60_000],
    });
    await probe.process.start();
    await probe.waitForLine(/^ready$/);
    await probe.waitForStatus('backoff');

    assert.equal(probe.count('running'), 0, 'never running');
    assert.equal(probe.process.state.reason, 'probe');
    assert.match(probe.process.state.message, /→ 404/);
  });

  it('log: running on the line itself, with no polling', async () => {
    const { probe, seenAt } = managed({
      command: nodeFixture('late-printer.js', 300),
      ready: ready({ kind: 'log', pattern: /ready to accept connections/ }, { intervalMs: 60_000 }),
    });
    await probe.process.start();
    await probe.waitForStatus('running');

    const line = probe.lines.find((l) => /ready to accept/.test(l.text));
    assert.ok(line, 'the ready line arrived');
    const spawned = probe.states.find((s) => s.status === 'starting' && s.pid !== undefined);
    assert.ok(spawned && (seenAt.get(spawned) ?? Infinity) < line.time, 'starting with a pid before the line');
    const running = first(probe, 'running');
    assert.ok((seenAt.get(running) ?? 0) >= line.time, 'running only once the line was read');
    assert.equal(running.probe?.probe, 'log /ready to accept connections/');
    assert.equal(running.probe?.ok, true);
  });

  it('exec: running once the command first exits 0, in the process cwd', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-exec-ready-'));
    try {
      // The process writes the flag late; the probe passes only once it exists in the shared cwd.
      const late = "setTimeout(() => require('fs').writeFileSync('ready-flag', String(Date.now())), 300); setInterval(() => {}, 1000);";
      const { probe, seenAt } = managed({
        cwd,
        command: [process.execPath, '-e', late],
        ready: ready({ kind: 'exec', command: ['test', '-e', 'ready-flag'] }),
      });
      await probe.process.start();
      await probe.waitForStatus('running');

      const flaggedAt = Number(fs.readFileSync(path.join(cwd, 'ready-flag'), 'utf8'));
      assert.ok(probe.states.some((s) => s.status === 'starting' && s.pid !== undefined), 'starting after the spawn');
      const running = first(probe, 'running');
      assert.ok((seenAt.get(running) ?? 0) >= flaggedAt, 'not ready before the flag existed');
      assert.equal(running.probe?.ok, true);
      assert.match(running.probe?.probe ?? '', /^exec test/);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('past the deadline the whole tree is stopped and the backoff applies, with reason probe', async () => {
    const [held, probed] = [await freePort(), await freePort()];
    const { probe } = managed({
      // A grandchild holds `held`; nothing ever listens on `probed`.
      command: nodeFixture('grandchild-spawner.js', held),
      ready: ready({ kind: 'tcp', host: '127.0.0.1', port: probed }, { deadlineMs: 1500 }),
      backoffMs: [60_000],
    });
    await probe.process.start();
    const grandchild = Number((await probe.waitForLine(/^pids (\d+)$/))[1]);
    const root = probe.process.state.pid;
    assert.ok(root, 'the root has a pid');
    assert.equal(probe.process.state.status, 'starting');
    await probe.waitForStatus('backoff');

    const state = probe.process.state;
    assert.equal(state.reason, 'probe');
    assert.equal(state.message, `not ready after 1.5 s: tcp 127.0.0.1:${probed} refused · restarting in 1 min`);
    assert.ok(state.nextRestartAt !== undefined, 'a restart is scheduled');
    assert.equal(state.pid, undefined);
    assert.equal(probe.count('running'), 0);
    assert.ok(probe.statuses.includes('stopping'), 'the run was stopped');
    assert.equal(pidAlive(root), false, 'the root is gone');
    assert.equal(pidAlive(grandchild), false, 'the grandchild is gone');
    assert.equal(await isPortFree(held), true, "the grandchild's port is free");
  });
});
