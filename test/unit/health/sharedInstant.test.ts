import * as assert from 'node:assert/strict';
import { atInstant } from '../../../src/core/health/sharedInstant';
import { FakeClock } from '../helpers/fakeClock';

describe('atInstant (virtual time)', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock()));

  it('callbacks aimed at one instant share one timer and all run then; another instant has its own', () => {
    const calls: string[] = [];
    const at = clock.now() + 100;
    atInstant(clock, at, () => calls.push(`a@${clock.now()}`));
    atInstant(clock, at, () => calls.push(`b@${clock.now()}`));
    atInstant(clock, at + 1, () => calls.push(`c@${clock.now()}`));
    assert.equal(clock.pending, 2);
    clock.advance(101);
    assert.deepEqual(calls, [`a@${at}`, `b@${at}`, `c@${at + 1}`]);
    assert.equal(clock.pending, 0);
  });

  it('one cancelled leaves the others; the last cancelled takes the timer with it', () => {
    const calls: string[] = [];
    const at = clock.now() + 50;
    const a = atInstant(clock, at, () => calls.push('a'));
    const b = atInstant(clock, at, () => calls.push('b'));
    a.cancel();
    a.cancel();
    assert.equal(clock.pending, 1);
    clock.advance(50);
    assert.deepEqual(calls, ['b']);
    const c = atInstant(clock, at + 50, () => calls.push('c'));
    c.cancel();
    b.cancel();
    assert.equal(clock.pending, 0);
    clock.advance(100);
    assert.deepEqual(calls, ['b']);
  });

  it('an instant already past runs at the next turn of the clock, and one callback handed in twice runs twice', () => {
    let runs = 0;
    const callback = (): number => runs++;
    atInstant(clock, clock.now() - 10, callback);
    atInstant(clock, clock.now() - 10, callback);
    clock.advance(0);
    assert.equal(runs, 2);
  });

  it('a callback that throws keeps no other from its turn, and its error is still thrown', async () => {
    const calls: string[] = [];
    const at = clock.now() + 10;
    atInstant(clock, at, () => {
      throw new Error('boom');
    });
    atInstant(clock, at, () => calls.push('after'));
    // Mocha's own handler would fail the test on the rethrown error: this test takes it instead.
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    try {
      const thrown = new Promise<Error>((resolve) => process.once('uncaughtException', resolve));
      clock.advance(10);
      assert.deepEqual(calls, ['after']);
      assert.equal((await thrown).message, 'boom');
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const handler of mochaHandlers) process.on('uncaughtException', handler);
    }
  });
});
