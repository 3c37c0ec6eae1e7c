import * as assert from 'assert';
import type { ProcessState } from '../../src/core/process/states';
import { lifecycleText } from '../../src/vscode/lifecycleLines';
import { formatDuration, stateDescription } from '../../src/vscode/stateLook';
import { describeOnFixture } from './fixtures/kit';

const base: ProcessState = {
  status: 'stopped', pid: undefined, startedAt: undefined, restarts: 0, lastExit: undefined, nextRestartAt: undefined, message: 'stopped',
};
const state = (change: Partial<ProcessState>): ProcessState => ({ ...base, ...change });
const NOW = 1_000_000;

describeOnFixture('state wording (descriptions and output lifecycle lines)', () => {
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

  it('words lifecycle lines for starts, restarts, backoff and stops', () => {
    const line = (previous: Partial<ProcessState>, current: Partial<ProcessState>): string | undefined =>
      lifecycleText({ name: 'api', previous: state(previous), current: state(current) }, NOW);
    assert.strictEqual(line({ status: 'starting' }, { status: 'running', pid: 4711 }), 'started · pid 4711');
    assert.strictEqual(
      line({ status: 'running' }, { status: 'backoff', lastExit: { code: 1, signal: null }, nextRestartAt: NOW + 500 }),
      'exited with code 1 · restarting in 500 ms',
    );
    assert.strictEqual(line({ status: 'stopping' }, { status: 'starting', message: 'restarting: src/app.ts saved' }), 'restarting: src/app.ts saved');
    assert.strictEqual(line({ status: 'stopping' }, { status: 'starting', message: 'starting' }), 'restarting');
    assert.strictEqual(line({ status: 'stopped' }, { status: 'starting', message: 'starting' }), undefined);
    assert.strictEqual(line({ status: 'stopping' }, { status: 'stopped', message: 'stopped' }), 'stopped');
    assert.strictEqual(line({ status: 'running' }, { status: 'running', pid: 1 }), undefined, 'no line without a change of status');
  });
});
