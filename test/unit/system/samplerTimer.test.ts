import * as assert from 'node:assert/strict';
import { ResourceSampler } from '../../../src/core/system/resourceSampler';
import type { ProcReader } from '../../../src/core/system/treeSample';
import { FakeClock } from '../helpers/fakeClock';

// Pure scheduling: a reader whose reads end when the test says, on virtual time.
function heldReader(): { reader: ProcReader; reads: () => number; finish: () => void } {
  let reads = 0;
  const waiting: Array<() => void> = [];
  return {
    reads: () => reads,
    finish: () => waiting.splice(0).forEach((resolve) => resolve()),
    reader: {
      trees: (roots) => {
        reads++;
        return new Promise((resolve) => waiting.push(() => resolve(roots.map(() => []))));
      },
      listening: async () => new Map(),
      identity: async () => undefined,
      executable: async () => undefined,
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ResourceSampler timer', () => {
  it('regression: demand dropped and taken again during a reading left two timer chains running', async () => {
    const clock = new FakeClock();
    const { reader, reads, finish } = heldReader();
    const sampler = new ResourceSampler(() => [{ name: 'api', pid: 1, limited: false }], clock, reader, 200);
    const first = sampler.watch();
    clock.advance(0);
    assert.equal(reads(), 1, 'a reading under way');
    // The view hides and shows again while it reads.
    first.dispose();
    const second = sampler.watch();
    clock.advance(0);
    finish();
    await settle();

    assert.equal(clock.pending, 1, 'one timer for the next reading');
    for (let tick = 0; tick < 5; tick++) {
      clock.advance(200);
      finish();
      await settle();
    }
    assert.equal(reads(), 6, 'a reading per interval');
    assert.equal(clock.pending, 1);
    second.dispose();
    assert.equal(clock.pending, 0, 'no timer once nobody looks');
    sampler.dispose();
  });
});
