import * as assert from 'node:assert/strict';
import { MAX_BATCH_CHARS, MAX_BATCH_LINES, OutputBatcher } from '../../../src/core/process/outputBatcher';
import { linesOf, type OutputBlock } from '../../../src/core/process/outputTypes';

import { FakeClock } from '../helpers/fakeClock';

describe('OutputBatcher', () => {
  it('hands the lines of one turn of the event loop over in one batch', async () => {
    const batches: OutputBlock[][] = [];
    const clock = new FakeClock();
    const batcher = new OutputBatcher((b) => batches.push(b), () => clock.now());
    for (let n = 0; n < 10; n++) batcher.add('stdout', Buffer.from(`${n}\n`), 1);
    assert.equal(batches.length, 0, 'nothing is delivered synchronously');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(batches.length, 1);
    assert.deepEqual(linesOf(batches[0]).map((l) => l.text), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.ok(linesOf(batches[0]).every((l) => l.time === clock.now()), 'lines of one batch share its timestamp');
  });

  it('delivers early when a batch is full, and the rest at flush, in order', () => {
    const batches: OutputBlock[][] = [];
    const batcher = new OutputBatcher((b) => batches.push(b), () => 0);
    const total = MAX_BATCH_LINES * 2 + 5;
    for (let n = 0; n < total; n++) batcher.add('stdout', Buffer.from(`${n}\n`), 1);
    assert.equal(batches.length, 2);
    batcher.flush();
    assert.equal(batches.length, 3);
    assert.deepEqual(
      batches.flatMap((b) => linesOf(b).map((l) => Number(l.text))),
      Array.from({ length: total }, (_, n) => n),
    );
    batcher.flush();
    assert.equal(batches.length, 3, 'an empty flush delivers nothing');
  });

  it('regression: batches of long lines grew to megabytes, and procs up under a 32 MB heap died passing 50 MB without a newline', () => {
    const batches: OutputBlock[][] = [];
    const batcher = new OutputBatcher((b) => batches.push(b), () => 0);
    // What one turn reads from a line with no end: 64 KiB pieces, each a line of its own.
    const piece = Buffer.from(`${'x'.repeat(64 * 1024 - 1)}\n`);
    for (let n = 0; n < 32; n++) batcher.add('stdout', piece, 1);
    batcher.flush();
    assert.ok(batches.length >= 32 / Math.ceil(MAX_BATCH_CHARS / piece.length), `${batches.length} batches`);
    for (const batch of batches) {
      const chars = batch.reduce((sum, block) => sum + block.text.length, 0);
      assert.ok(chars < MAX_BATCH_CHARS + piece.length, `a batch of ${chars} characters`);
    }
    assert.equal(batches.flat().length, 32, 'every piece delivered');
  });
});
