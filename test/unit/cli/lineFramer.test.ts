import * as assert from 'node:assert/strict';
import { LineFramer } from '../../../src/cli/lineFramer';
import { randomText, seeded } from '../helpers/seeded';

/** What framing means, written the plain way. */
function framedByHand(text: string, head: string, tail: string): string {
  return splitLines(text)
    .map((line) => `${head}${line}${tail}\n`)
    .join('');
}

function splitLines(text: string): string[] {
  return text.slice(0, -1).split('\n');
}

function frame(framer: LineFramer, lines: string[], head: string, tail = ''): string {
  const text = lines.map((line) => `${line}\n`).join('');
  return framer.frame(text, lines.length, head, tail).toString('utf8');
}

describe('LineFramer', () => {
  it('puts the head before and the tail after every line', () => {
    const framer = new LineFramer();
    assert.equal(frame(framer, ['one', '', 'three'], 'web | ', '\x1b[0m'), 'web | one\x1b[0m\nweb | \x1b[0m\nweb | three\x1b[0m\n');
    assert.equal(frame(framer, ['only'], ''), 'only\n');
  });

  it('frames lines of every length around the sixteen bytes it reads at a time', () => {
    const framer = new LineFramer();
    for (let length = 0; length <= 40; length++) {
      const lines = ['a'.repeat(length), 'b'.repeat(40 - length), 'c'.repeat(length)];
      assert.equal(frame(framer, lines, 'p | '), framedByHand(lines.map((line) => `${line}\n`).join(''), 'p | ', ''));
    }
  });

  it('keeps multi-byte characters whole, in the lines and in the head', () => {
    const framer = new LineFramer();
    const lines = ['café', '€ 5', '😀 done', 'ß\t\x1b[31mred'];
    assert.equal(frame(framer, lines, 'café-api | ', '\x1b[0m'), lines.map((line) => `café-api | ${line}\x1b[0m\n`).join(''));
  });

  it('gives the same bytes as framing by hand, for random lines of random characters', () => {
    const framer = new LineFramer();
    const random = seeded(14);
    const characters = Array.from('ab \t\x1b\né€😀\u2028');
    for (let round = 0; round < 500; round++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 30) }, () => randomText(random, characters, 40).replaceAll('\n', ''));
      const head = 'x'.repeat(Math.floor(random() * 50));
      const tail = round % 2 === 0 ? '\x1b[0m' : '';
      assert.equal(frame(framer, lines, head, tail), framedByHand(lines.map((line) => `${line}\n`).join(''), head, tail), `round ${round}`);
    }
  });

  it('grows for a batch larger than any before it, and frames small ones after', () => {
    const framer = new LineFramer();
    const many = Array.from({ length: 100_000 }, (_, index) => `line ${index}`);
    const long = ['y'.repeat(200_000), 'z'];
    for (const lines of [['small'], many, long, ['small again']]) {
      const framed = frame(framer, lines, 'worker | ');
      assert.equal(framed, lines.map((line) => `worker | ${line}\n`).join(''));
    }
  });

  it('never writes into a result before it is released, and reuses it after', () => {
    const framer = new LineFramer();
    const first = framer.frame('one\ntwo\n', 2, 'a | ', '');
    const second = framer.frame('three\n', 1, 'b | ', '');
    assert.equal(first.toString(), 'a | one\na | two\n');
    assert.equal(second.toString(), 'b | three\n');
    framer.release(first);
    const third = framer.frame('four\n', 1, 'c | ', '');
    assert.equal(third.buffer, first.buffer, 'the released buffer holds the next batch');
    assert.equal(third.toString(), 'c | four\n');
    assert.equal(second.toString(), 'b | three\n');
    const bigger = framer.frame(`${'x'.repeat(100_000)}\n`, 1, 'd | ', '');
    assert.equal(bigger.toString(), `d | ${'x'.repeat(100_000)}\n`);
  });
});
