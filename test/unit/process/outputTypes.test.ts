import * as assert from 'node:assert/strict';
import { oneLine, splitLines } from '../../../src/core/process/outputTypes';

describe('output blocks', () => {
  it('regression: a note holding a line break was counted as one line', () => {
    const block = oneLine('stdout', '── before: npm run build\nnpm test ──', 0);
    assert.equal(block.lineCount, splitLines(block.text).length);
    assert.equal(block.lineCount, 2);
    assert.equal(oneLine('stderr', 'one', 0).lineCount, 1);
  });
});
