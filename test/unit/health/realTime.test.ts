import * as assert from 'node:assert/strict';
import { systemClock } from '../../../src/core/clock';
import { LivenessWatch } from '../../../src/core/health/liveness';
import type { ProbeResult } from '../../../src/core/health/probe';
import { ReadinessWatch } from '../../../src/core/health/readiness';
import { freePort } from '../helpers/ports';
import { FixtureChild } from './fixtureChild';
import { CONTEXT } from './scriptedProbe';

const deps = { clock: systemClock };

describe('readiness and liveness in real time', () => {
  const watches: Array<{ dispose(): void }> = [];
  afterEach(async () => {
    for (const watch of watches.splice(0)) watch.dispose();
    await FixtureChild.stopAll();
  });

  it('a late listener is seen as ready soon after its own listening timestamp', async () => {
    const port = await freePort();
    const intervalMs = 5000;
    const listener = new FixtureChild('late-listener.js', [port, 300]);
    const spec = { target: { kind: 'tcp', host: '127.0.0.1', port }, intervalMs, timeoutMs: 1000, deadlineMs: 15_000 } as const;
    const watch = new ReadinessWatch(spec, CONTEXT, deps);
    watches.push(watch);

    const readiness = await watch.result;
    const readyAt = Date.now();
    const listeningAt = Number((await listener.waitForLine(/^listening (\d+)$/))[1]);

    assert.equal(readiness.ready, true, readiness.detail);
    assert.ok(readyAt >= listeningAt, 'not ready before the port opened');
    // The fast first tries find it; polling once an interval would have waited seconds.
    assert.ok(readyAt - listeningAt < intervalMs / 2, `seen ${readyAt - listeningAt} ms after the bind`);
  });

  it('a late log line makes the process ready with no polling', async () => {
    const spec = { target: { kind: 'log', pattern: /ready to accept/ }, intervalMs: 1000, timeoutMs: 1000, deadlineMs: 15_000 } as const;
    const watch = new ReadinessWatch(spec, CONTEXT, deps);
    watches.push(watch);
    new FixtureChild('late-printer.js', [200], (line) => watch.line(line));

    const readiness = await watch.result;

    assert.equal(readiness.ready, true);
    assert.equal(readiness.detail, 'log /ready to accept/ matched');
  });

  it('a health endpoint turned 503 is unhealthy after `failures` tries in a row', async () => {
    const port = await freePort();
    const server = new FixtureChild('health-server.js', [port]);
    await server.waitForLine(/^ready/);
    const results: Array<[boolean, number]> = [];
    const unhealthy = new Promise<[ProbeResult, number]>((resolve) => {
      const target = { kind: 'http', url: `http://127.0.0.1:${port}/health`, status: [200, 399] } as const;
      watches.push(
        new LivenessWatch({ target, intervalMs: 20, timeoutMs: 1000, failures: 2 }, CONTEXT, deps, {
          onResult: (result, failures) => {
            results.push([result.ok, failures]);
            if (results.length === 2) server.signal('SIGUSR1');
          },
          onUnhealthy: (last, failures) => resolve([last, failures]),
        }),
      );
    });

    const [last, failures] = await unhealthy;

    assert.deepEqual([last.detail, failures], ['GET /health → 503', 2]);
    assert.deepEqual(results.slice(0, 2), [[true, 0], [true, 0]]);
    assert.deepEqual(results.slice(-2), [[false, 1], [false, 2]]);
  });
});
