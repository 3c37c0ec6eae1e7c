import * as assert from 'node:assert/strict';
import { ShortLineRuns } from '../../../src/core/process/shortLineRuns';
import { randomText, seeded } from '../helpers/seeded';

/** The run as its definition says: LF-ended lines from `from`, none with a CR, none longer than maxLine bytes. */
function runByHand(text: string, from: number, maxLine: number): { end: number; count: number } {
  const bytes = Buffer.from(text);
  let end = from;
  let count = 0;
  for (;;) {
    const lf = bytes.indexOf('\n', end);
    const cr = bytes.indexOf('\r', end);
    if (lf === -1 || (cr !== -1 && cr < lf) || lf - end > maxLine) return { end, count };
    count++;
    end = lf + 1;
  }
}

function run(runs: ShortLineRuns, text: string, from = 0): { end: number; count: number } {
  runs.load(Buffer.from(text));
  const end = runs.find(from);
  return { end, count: runs.count };
}

describe('ShortLineRuns', () => {
  it('runs its WebAssembly kernel on this Node', () => {
    assert.equal(new ShortLineRuns(5).accelerated, true);
    assert.equal(new ShortLineRuns(5, false).accelerated, false);
  });

  for (const kernel of [true, false]) describe(kernel ? 'the WebAssembly kernel' : 'the plain path', () => tests(kernel));
});

function tests(kernel: boolean): void {
  it('passes over LF-ended lines and stops before a CR, a long line or an unended one', () => {
    const runs = new ShortLineRuns(5, kernel);
    assert.deepEqual(run(runs, 'ab\ncd\n'), { end: 6, count: 2 });
    assert.deepEqual(run(runs, 'ab\ncd\r\nef\n'), { end: 3, count: 1 });
    assert.deepEqual(run(runs, 'ab\n123456\nef\n'), { end: 3, count: 1 });
    assert.deepEqual(run(runs, 'ab\n12345\nef'), { end: 9, count: 2 });
    assert.deepEqual(run(runs, 'ab\ncd\n', 3), { end: 6, count: 1 });
    assert.deepEqual(run(runs, ''), { end: 0, count: 0 });
  });

  it('finds every line end around the sixteen bytes it reads at a time', () => {
    const runs = new ShortLineRuns(100, kernel);
    for (let length = 0; length <= 40; length++) {
      for (const end of ['\n', '\r', '\r\n']) {
        const text = `${'a'.repeat(length)}\n${'b'.repeat(40 - length)}${end}${'c'.repeat(length)}\n`;
        assert.deepEqual(run(runs, text), runByHand(text, 0, 100), JSON.stringify(text));
      }
    }
  });

  it('sees no line end left in memory by a longer text before', () => {
    const runs = new ShortLineRuns(100, kernel);
    run(runs, '\n'.repeat(1000));
    assert.deepEqual(run(runs, 'abc'), { end: 0, count: 0 });
    assert.deepEqual(run(runs, 'a\nbc'), { end: 2, count: 1 });
  });

  it('agrees with the definition on random texts of any characters, from any start', () => {
    const runs = new ShortLineRuns(6, kernel);
    const random = seeded(7);
    const characters = Array.from('ab\n\n\n\ré😀\u0a0d\u0d0a\ud800');
    for (let round = 0; round < 2000; round++) {
      const text = randomText(random, characters, 60);
      const from = Math.floor(random() * (Buffer.byteLength(text) + 1));
      assert.deepEqual(run(runs, text, from), runByHand(text, from, 6), `round ${round}: ${JSON.stringify(text)} from ${from}`);
    }
  });
}
