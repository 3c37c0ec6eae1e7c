import * as assert from 'assert';
import type { ProcessState } from '../../src/core/process/states';
import { formatDuration, stateDescription } from '../../src/vscode/stateLook';
import { describeOnFixture } from './fixtures/kit';

const base: ProcessState = {
  status: 'stopped',
  reason: 'none', pid: undefined, startedAt: undefined, restarts: 0, lastExit: undefined, nextRestartAt: undefined, message: 'stopped', probe: undefined,
};
const state = (change: Partial<ProcessState>): ProcessState => ({ ...base, ...change });
const NOW = 1_000_000;

describeOnFixture('state wording in the view', () => {
  it('describes running, backoff and exits the way the view shows them', () => {
    assert.strictEqual(
      stateDescription(state({ status: 'running', pid: 4711, startedAt: NOW - 3 * 60_000, restarts: 2 }), NOW),
      'running · pid 4711 · 3m · ↻2',
    );
    assert.strictEqual(stateDescription(state({ status: 'backoff', nextRestartAt: NOW + 8_200 }), NOW), 'backoff · restart in 9s');
    assert.strictEqual(stateDescription(state({ status: 'failed', lastExit: { code: null, signal: 'SIGKILL' } }), NOW), 'failed · signal SIGKILL');
    assert.strictEqual(stateDescription(state({ status: 'disabled' }), NOW), 'disabled');
    assert.deepStrictEqual([formatDuration(0), formatDuration(59_000), formatDuration(60_000), formatDuration(3_725_000)], ['0s', '59s', '1m', '1h 2m']);
  });
});
