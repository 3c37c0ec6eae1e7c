import * as assert from 'assert';
import type { ProcessState } from '../../src/core/process/states';
import { formatDuration, probeText, stateDescription, stateIcon } from '../../src/vscode/stateLook';
import { describeOnFixture } from './fixtures/kit';

const base: ProcessState = {
  status: 'stopped',
  reason: 'none', pid: undefined, startedAt: undefined, restarts: 0, crashes: 0, settling: false, lastExit: undefined, nextRestartAt: undefined, message: 'stopped', probe: undefined, debug: undefined,
};
const state = (change: Partial<ProcessState>): ProcessState => ({ ...base, ...change });
const NOW = 1_000_000;

describeOnFixture('state wording in the view', () => {
  it('describes running, backoff and exits the way the view shows them', () => {
    assert.strictEqual(
      stateDescription(state({ status: 'running', pid: 4711, startedAt: NOW - 3 * 60_000, restarts: 2 }), NOW),
      'running · pid 4711 · 3m · ↻2',
    );
    assert.strictEqual(stateDescription(state({ status: 'backoff', nextRestartAt: NOW + 8_200 }), NOW), 'backoff · restart in 9 s');
    assert.strictEqual(stateDescription(state({ status: 'failed', lastExit: { code: null, signal: 'SIGKILL' } }), NOW), 'failed · signal SIGKILL');
    assert.strictEqual(stateDescription(state({ status: 'disabled' }), NOW), 'disabled');
    assert.deepStrictEqual([formatDuration(0), formatDuration(59_000), formatDuration(60_000), formatDuration(3_725_000)], ['0s', '59s', '1m', '1h 2m']);
  });

  it('regression: short backoffs are labelled restart in 1s: the row says 0.1 s, as the channel does', () => {
    assert.strictEqual(stateDescription(state({ status: 'backoff', nextRestartAt: NOW + 100, crashes: 1 }), NOW), 'backoff · restart in 0.1 s · 1 crash');
    assert.strictEqual(stateDescription(state({ status: 'backoff', nextRestartAt: NOW + 500, crashes: 2 }), NOW), 'backoff · restart in 0.5 s · 2 crashes');
  });

  it('regression: the ↻ count mixes saves, manual restarts and a start from stopped: crashes and restarts read apart', () => {
    assert.strictEqual(
      stateDescription(state({ status: 'running', pid: 4711, startedAt: NOW - 30_000, crashes: 3, restarts: 2 }), NOW),
      'running · pid 4711 · <1m · 3 crashes · ↻2',
    );
  });

  it('says for whom a process waits, and shows a starting one with its pid until its probe passes', () => {
    assert.strictEqual(stateDescription(state({ status: 'waiting', message: 'waiting for db (starting)' }), NOW), 'waiting for db (starting)');
    assert.strictEqual(stateIcon(state({ status: 'waiting' })).id, 'watch');
    assert.strictEqual(stateDescription(state({ status: 'starting', pid: 4711, startedAt: NOW - 400 }), NOW), 'starting · pid 4711');
    assert.strictEqual(stateIcon(state({ status: 'starting', pid: 4711 })).id, 'sync~spin');
  });

  it('turns a running row to a warning after a failed liveness try, and says so', () => {
    const probe = { probe: 'GET http://127.0.0.1:4000/health', ok: false, detail: 'GET /health → 503', at: NOW - 4_000 };
    const failing = state({ status: 'running', pid: 4711, startedAt: NOW - 60_000, probe });
    assert.strictEqual(stateDescription(failing, NOW), 'running · pid 4711 · 1m · health failing');
    const icon = stateIcon(failing);
    assert.strictEqual(icon.id, 'warning');
    // The pinned @types/vscode does not declare ThemeColor's id, which the runtime object has.
    assert.strictEqual((icon.color as unknown as { id: string } | undefined)?.id, 'list.warningForeground');
    const passing = state({ status: 'running', pid: 4711, startedAt: NOW - 60_000, probe: { ...probe, ok: true, detail: 'GET /health → 200' } });
    assert.strictEqual(stateIcon(passing).id, 'pass-filled');
    assert.strictEqual(stateDescription(passing, NOW), 'running · pid 4711 · 1m');
  });

  it('shows a failed build on save as a warning on the process that still serves', () => {
    const serving = state({ status: 'running', reason: 'build', pid: 4711, startedAt: NOW - 5_000, message: 'build failed · still running the previous build' });
    assert.strictEqual(stateDescription(serving, NOW), 'running · pid 4711 · <1m · build failed · still running the previous build');
    assert.strictEqual(stateIcon(serving).id, 'warning');
  });

  it('words the probe\'s last result for the tooltip: the readiness pass, or a liveness try and when', () => {
    assert.strictEqual(
      probeText({ probe: 'tcp 127.0.0.1:5432', ok: true, detail: 'tcp 127.0.0.1:5432 open', at: NOW, readyAfterMs: 830.4 }, NOW),
      'ready: tcp 127.0.0.1:5432 · passed after 0.83 s',
    );
    assert.strictEqual(
      probeText({ probe: 'GET http://127.0.0.1:4000/health', ok: false, detail: 'GET /health → 503', at: NOW - 4_000 }, NOW),
      'health: GET http://127.0.0.1:4000/health · GET /health → 503 · 4s ago',
    );
  });
});
