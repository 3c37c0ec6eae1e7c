import * as assert from 'node:assert/strict';
import { ReadBlock, blockSize, oneLine, splitLines } from '../../../src/core/process/outputTypes';

describe('output blocks', () => {
  it('regression: a note holding a line break was counted as one line', () => {
    const block = oneLine('stdout', '── before: npm run build\nnpm test ──', 0);
    assert.equal(block.lineCount, splitLines(block.text).length);
    assert.equal(block.lineCount, 2);
    assert.equal(oneLine('stderr', 'one', 0).lineCount, 1);
  });

  it('a block read from a pipe decodes its text when first asked, once, and then holds the text alone', () => {
    const bytes = Buffer.from('café\n€ 5\n');
    const block = new ReadBlock('stdout', bytes, 2, 0);
    assert.equal(block.bytes, bytes);
    assert.equal(blockSize(block), bytes.length);
    assert.equal(block.text, 'café\n€ 5\n');
    assert.equal(block.bytes, undefined, 'the bytes are let go once decoded');
    assert.equal(block.text, 'café\n€ 5\n');
    assert.equal(blockSize(block), block.text.length);
  });
});
