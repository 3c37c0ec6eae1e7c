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
  it('runs its WebAssembly kernel on this Node', () => {
    assert.equal(new LineFramer().accelerated, true);
    assert.equal(new LineFramer(false).accelerated, false);
  });

  for (const kernel of [true, false]) describe(kernel ? 'the WebAssembly kernel' : 'the plain path', () => framing(kernel));

  it('never writes into a result before it is released, and reuses a large one after', () => {
    const framer = new LineFramer();
    const lines = (count: number, word: string): string => `${word}\n`.repeat(count);
    const first = framer.frame(lines(5000, 'one'), 5000, 'a | ', '');
    const second = framer.frame(lines(5000, 'two'), 5000, 'b | ', '');
    framer.release(first);
    framer.release(first);
    const third = framer.frame(lines(4000, 'three'), 4000, 'c | ', '');
    const fourth = framer.frame(lines(4000, 'four'), 4000, 'd | ', '');
    assert.equal(third.buffer, first.buffer, 'the released buffer holds the next batch');
    assert.notEqual(fourth.buffer, first.buffer, 'a buffer released twice is handed out once');
    assert.equal(second.toString(), 'b | two\n'.repeat(5000));
    assert.equal(third.toString(), 'c | three\n'.repeat(4000));
    assert.equal(fourth.toString(), 'd | four\n'.repeat(4000));
  });

  it('regression: a flood into a slow reader paid for a fresh buffer for every batch beyond four in flight', () => {
    const framer = new LineFramer();
    const batch = 'line of a flood\n'.repeat(2000);
    // About what stdout holds back before procs up stops reading: 1 MiB of written batches.
    const inFlight = Array.from({ length: 15 }, () => framer.frame(batch, 2000, 'api | ', ''));
    for (const framed of inFlight) framer.release(framed);
    const held = new Set(inFlight.map((framed) => framed.buffer));
    const next = Array.from({ length: 15 }, () => framer.frame(batch, 2000, 'api | ', ''));
    assert.equal(next.filter((framed) => held.has(framed.buffer)).length, 15, 'every written buffer is reused');
    assert.equal(new Set(next.map((framed) => framed.buffer)).size, 15, 'none twice');
  });

  it('leaves small results to Node: releasing one gives nothing back to reuse', () => {
    const framer = new LineFramer();
    const small = framer.frame('one\n', 1, 'a | ', '');
    framer.release(small);
    const large = framer.frame('x\n'.repeat(10_000), 10_000, 'a | ', '');
    assert.notEqual(large.buffer, small.buffer);
    assert.equal(small.toString(), 'a | one\n');
  });
});

function framing(kernel: boolean): void {
  it('puts the head before and the tail after every line', () => {
    const framer = new LineFramer(kernel);
    assert.equal(frame(framer, ['one', '', 'three'], 'web | ', '\x1b[0m'), 'web | one\x1b[0m\nweb | \x1b[0m\nweb | three\x1b[0m\n');
    assert.equal(frame(framer, ['only'], ''), 'only\n');
  });

  it('frames lines of every length around the sixteen bytes it reads at a time', () => {
    const framer = new LineFramer(kernel);
    for (let length = 0; length <= 40; length++) {
      const lines = ['a'.repeat(length), 'b'.repeat(40 - length), 'c'.repeat(length)];
      assert.equal(frame(framer, lines, 'p | '), framedByHand(lines.map((line) => `${line}\n`).join(''), 'p | ', ''));
    }
  });

  it('keeps multi-byte characters whole, in the lines and in the head', () => {
    const framer = new LineFramer(kernel);
    const lines = ['café', '€ 5', '😀 done', 'ß\t\x1b[31mred'];
    assert.equal(frame(framer, lines, 'café-api | ', '\x1b[0m'), lines.map((line) => `café-api | ${line}\x1b[0m\n`).join(''));
  });

  it('gives the same bytes as framing by hand, for random lines of random characters', () => {
    const framer = new LineFramer(kernel);
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
    const framer = new LineFramer(kernel);
    const many = Array.from({ length: 100_000 }, (_, index) => `line ${index}`);
    const long = ['y'.repeat(200_000), 'z'];
    for (const lines of [['small'], many, long, ['small again']]) {
      const expected = lines.map((line) => `worker | ${line}\n`).join('');
      assert.equal(frame(framer, lines, 'worker | '), expected);
      const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''));
      assert.equal(framer.frame([bytes], lines.length, 'worker | ', '').toString(), expected, 'the same from bytes');
    }
  });

  it('frames pieces of UTF-8, cut anywhere, as it frames the same text', () => {
    const framer = new LineFramer(kernel);
    const random = seeded(3);
    const characters = Array.from('ab\t\x1bé€😀');
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 20) }, () => randomText(random, characters, 30));
      const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''));
      const cuts = [0, ...Array.from({ length: 3 }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b), bytes.length];
      const pieces = cuts.slice(1).map((cut, index) => bytes.subarray(cuts[index], cut));
      assert.equal(framer.frame(pieces, lines.length, 'api | ', '\x1b[0m').toString(), frame(framer, lines, 'api | ', '\x1b[0m'), `round ${round}`);
    }
    assert.equal(framer.frame([Buffer.alloc(0)], 0, 'h | ', '').length, 0);
  });

  it('ends a last line that has no line break, and gives nothing for no text', () => {
    const framer = new LineFramer(kernel);
    framer.frame('x'.repeat(1000) + '\n', 1, 'h | ', '');
    assert.equal(framer.frame('one\nabc', 1, 'h | ', 'T').toString(), 'h | oneT\nh | abcT\n');
    assert.equal(framer.frame('', 0, 'h | ', 'T').length, 0);
  });
}
