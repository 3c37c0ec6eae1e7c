import * as assert from 'node:assert/strict';
import { lifecycleLine, lifecycleText } from '../../../src/core/process/lifecycleText';
import type { ProcessState } from '../../../src/core/process/states';

const base: ProcessState = {
  status: 'stopped',
  reason: 'none', pid: undefined, startedAt: undefined, restarts: 0, crashes: 0, settling: false, lastExit: undefined, nextRestartAt: undefined, message: 'stopped', probe: undefined, debug: undefined,
};
const state = (change: Partial<ProcessState>): ProcessState => ({ ...base, ...change });
const line = (previous: Partial<ProcessState>, current: Partial<ProcessState>): string | undefined =>
  lifecycleText({ name: 'api', previous: state(previous), current: state(current) });

describe('lifecycle lines', () => {
  it('words starts, restarts, backoff and stops', () => {
    assert.equal(line({ status: 'starting' }, { status: 'running', pid: 4711 }), 'started · pid 4711');
    assert.equal(
      line({ status: 'running' }, { status: 'backoff', message: 'exited with code 1 · restarting in 0.5 s' }),
      'exited with code 1 · restarting in 0.5 s',
    );
    assert.equal(
      line({ status: 'starting' }, { status: 'backoff', message: 'command not found: nope · restarting in 0.1 s' }),
      'command not found: nope · restarting in 0.1 s',
      'a spawn error keeps its reason',
    );
    assert.equal(line({ status: 'stopping' }, { status: 'starting', message: 'restarting: src/app.ts saved' }), 'restarting: src/app.ts saved');
    assert.equal(line({ status: 'stopping' }, { status: 'starting', message: 'starting' }), 'restarting');
    assert.equal(line({ status: 'stopped' }, { status: 'starting', message: 'starting' }), undefined);
    assert.equal(line({ status: 'stopping' }, { status: 'stopped', message: 'stopped' }), 'stopped');
    assert.equal(line({ status: 'backoff' }, { status: 'stopped', message: 'stopped' }), 'stopped', 'a stop cancels a pending restart');
    assert.equal(line({ status: 'running' }, { status: 'running', pid: 1 }), undefined, 'no line without a change of status');
  });

  it('frames a line so it stands out from the process output', () => {
    assert.equal(lifecycleLine('started · pid 4711'), '── started · pid 4711 ──');
  });
});
