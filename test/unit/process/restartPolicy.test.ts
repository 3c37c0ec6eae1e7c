import * as assert from 'node:assert/strict';
import { decideRestart, type RestartInput } from '../../../src/core/process/restartPolicy';

const crash = { code: 1, signal: null };
const clean = { code: 0, signal: null };
const killed = { code: null, signal: 'SIGSEGV' as const };

function decide(overrides: Partial<RestartInput>) {
  return decideRestart({
    policy: 'on-failure',
    exit: crash,
    stopRequested: false,
    consecutiveRestarts: 0,
    maxRestarts: null,
    scheduleMs: [100, 500],
    ...overrides,
  });
}

describe('decideRestart', () => {
  it('on-failure restarts after a non-zero code, a signal or a failed spawn, not after code 0', () => {
    assert.deepEqual(decide({ exit: crash }), { kind: 'restart', delayMs: 100 });
    assert.deepEqual(decide({ exit: killed }), { kind: 'restart', delayMs: 100 });
    assert.deepEqual(decide({ exit: undefined }), { kind: 'restart', delayMs: 100 });
    assert.deepEqual(decide({ exit: clean }), { kind: 'exit' });
  });

  it('always restarts after code 0 too; never does not restart', () => {
    assert.deepEqual(decide({ policy: 'always', exit: clean }), { kind: 'restart', delayMs: 100 });
    assert.deepEqual(decide({ policy: 'never', exit: crash }), { kind: 'exit' });
  });

  it('a requested stop is never followed by a restart', () => {
    assert.deepEqual(decide({ policy: 'always', stopRequested: true }), { kind: 'exit' });
  });

  it('takes the delay for the number of restarts in a row, the last one repeating', () => {
    assert.deepEqual(decide({ consecutiveRestarts: 1 }), { kind: 'restart', delayMs: 500 });
    assert.deepEqual(decide({ consecutiveRestarts: 7 }), { kind: 'restart', delayMs: 500 });
  });

  it('fails once maxRestarts restarts in a row have happened', () => {
    assert.deepEqual(decide({ maxRestarts: 3, consecutiveRestarts: 2 }), { kind: 'restart', delayMs: 500 });
    assert.deepEqual(decide({ maxRestarts: 3, consecutiveRestarts: 3 }), { kind: 'fail' });
    assert.deepEqual(decide({ maxRestarts: 0 }), { kind: 'fail' });
  });

  it('an empty schedule exits instead of restarting', () => {
    assert.deepEqual(decide({ scheduleMs: [] }), { kind: 'exit' });
  });
});
