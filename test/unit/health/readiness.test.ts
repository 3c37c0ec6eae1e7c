import * as assert from 'node:assert/strict';
import type { ReadinessSpec } from '../../../src/core/config/types';
import { ReadinessWatch, type Readiness } from '../../../src/core/health/readiness';
import { FAST_READINESS_TRIES } from '../../../src/core/health/schedule';
import { FakeClock } from '../helpers/fakeClock';
import { advance, CONTEXT, flush, OPEN, REFUSED, ScriptedProbe, TCP } from './scriptedProbe';

describe('ReadinessWatch (virtual time)', () => {
  let clock: FakeClock;
  let probe: ScriptedProbe;
  let outcome: Readiness | undefined;
  beforeEach(() => {
    clock = new FakeClock();
    probe = new ScriptedProbe(clock);
    outcome = undefined;
  });

  function watch(overrides: Partial<ReadinessSpec> = {}): ReadinessWatch {
    const spec: ReadinessSpec = { target: TCP, intervalMs: 100, timeoutMs: 50, deadlineMs: 10_000, ...overrides };
    const watching = new ReadinessWatch(spec, CONTEXT, { clock, tryProbe: probe.tryProbe });
    void watching.result.then((readiness) => (outcome = readiness));
    return watching;
  }
  const sinceStart = (times: number[], start: number): number[] => times.map((t) => t - start);

  it('tries every 10 ms after spawn at first, then doubling up to the interval', async () => {
    const start = clock.now();
    watch();
    const fastMs = FAST_READINESS_TRIES * 10;
    await advance(clock, fastMs + 700);
    const tries = sinceStart(probe.tries, start);
    assert.deepEqual(tries.slice(0, 3), [10, 20, 30]);
    assert.equal(tries[FAST_READINESS_TRIES - 1], fastMs);
    assert.deepEqual(tries.slice(FAST_READINESS_TRIES), [20, 60, 140, 240, 340, 440, 540, 640].map((t) => fastMs + t));
  });

  it('is ready at the first pass, with the time since spawn, and tries no more', async () => {
    probe.answer(REFUSED, REFUSED, REFUSED, OPEN);
    watch();
    await advance(clock, 1000);
    assert.deepEqual(outcome, { ready: true, afterMs: 40, detail: OPEN.detail });
    assert.equal(probe.tries.length, 4);
    assert.equal(clock.pending, 0);
  });

  it('past the deadline it is not ready, with the last try\'s detail, and stops', async () => {
    watch({ deadlineMs: 500 });
    await advance(clock, 499);
    assert.equal(outcome, undefined);
    await advance(clock, 1);
    assert.deepEqual(outcome, { ready: false, detail: 'tcp 127.0.0.1:5432 refused' });
    assert.equal(clock.pending, 0);
  });

  it('a deadline before any try settled says so, and cancels the try under way', async () => {
    probe.answer('hold');
    watch({ deadlineMs: 300 });
    await advance(clock, 300);
    assert.deepEqual(outcome, { ready: false, detail: 'tcp 127.0.0.1:5432: no answer yet' });
    assert.equal(probe.signals[0]?.aborted, true);
  });

  it('never runs two tries at once: a slow try delays the next', async () => {
    const start = clock.now();
    probe.answer('hold');
    watch();
    await advance(clock, 1000);
    assert.equal(probe.tries.length, 1);
    probe.answer(REFUSED);
    probe.release(REFUSED);
    await flush();
    await advance(clock, 10);
    assert.deepEqual(sinceStart(probe.tries, start), [10, 1010]);
  });

  it('a log probe is ready at the first matching line, colour codes removed, with no polling', async () => {
    const watching = watch({ target: { kind: 'log', pattern: /ready to accept/ } });
    assert.equal(clock.pending, 1, 'only the deadline');
    await advance(clock, 40);
    watching.line('starting up');
    watching.line('\u001b[32mready\u001b[0m to accept connections');
    await flush();
    assert.deepEqual(outcome, { ready: true, afterMs: 40, detail: 'log /ready to accept/ matched' });
    assert.deepEqual(probe.tries, []);
    assert.equal(clock.pending, 0);
  });

  it('a log probe past its deadline says no line matched', async () => {
    watch({ target: { kind: 'log', pattern: /ready/ }, deadlineMs: 100 });
    await advance(clock, 100);
    assert.deepEqual(outcome, { ready: false, detail: 'log /ready/: no line matched' });
  });

  it('dispose stops every timer, cancels the try under way, and never settles', async () => {
    probe.answer('hold');
    const watching = watch();
    await advance(clock, 10);
    watching.dispose();
    assert.equal(probe.signals[0]?.aborted, true);
    probe.release(OPEN);
    await advance(clock, 20_000);
    assert.equal(outcome, undefined);
    assert.equal(probe.tries.length, 1);
    assert.equal(clock.pending, 0);
  });
});
