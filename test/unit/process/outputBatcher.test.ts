import * as assert from 'node:assert/strict';
import { MAX_BATCH_LINES, OutputBatcher } from '../../../src/core/process/outputBatcher';
import type { OutputBatch } from '../../../src/core/process/outputTypes';

import { FakeClock } from '../helpers/fakeClock';

describe('OutputBatcher', () => {
  it('hands the lines of one turn of the event loop over in one batch', async () => {
    const batches: OutputBatch[] = [];
    const clock = new FakeClock();
    const batcher = new OutputBatcher('api', (b) => batches.push(b), () => clock.now());
    for (let n = 0; n < 10; n++) batcher.add('stdout', String(n));
    assert.equal(batches.length, 0, 'nothing is delivered synchronously');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(batches.length, 1);
    assert.equal(batches[0].name, 'api');
    assert.deepEqual(batches[0].lines.map((l) => l.text), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.ok(batches[0].lines.every((l) => l.time === clock.now()), 'lines of one batch share its timestamp');
  });

  it('delivers early when a batch is full, and the rest at flush, in order', () => {
    const batches: OutputBatch[] = [];
    const batcher = new OutputBatcher('api', (b) => batches.push(b), () => 0);
    const total = MAX_BATCH_LINES * 2 + 5;
    for (let n = 0; n < total; n++) batcher.add('stdout', String(n));
    assert.equal(batches.length, 2);
    batcher.flush();
    assert.equal(batches.length, 3);
    assert.deepEqual(
      batches.flatMap((b) => b.lines.map((l) => Number(l.text))),
      Array.from({ length: total }, (_, n) => n),
    );
    batcher.flush();
    assert.equal(batches.length, 3, 'an empty flush delivers nothing');
  });
});
