import * as assert from 'node:assert/strict';
import { LINE_CUT_MARKER, LineSplitter, MAX_LINE_BYTES } from '../../../src/core/process/lineSplitter';
import { randomText, seeded } from '../helpers/seeded';

function split(chunks: Array<Buffer | string>): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((bytes, lineCount) => {
    const text = bytes.toString();
    const block = text.slice(0, -1).split('\n');
    assert.equal(text.at(-1), '\n', 'a block ends with a line break');
    assert.equal(block.length, lineCount, 'a block counts its lines');
    lines.push(...block);
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return lines;
}

/** `bytes` cut at `cuts` random places (some pieces may be empty). */
function cutAtRandom(bytes: Buffer, random: () => number, cuts: number): Buffer[] {
  const at = [0, ...Array.from({ length: cuts }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b), bytes.length];
  return at.slice(1).map((cut, index) => bytes.subarray(at[index], cut));
}

describe('LineSplitter', () => {
  it('joins a line spread over chunks and splits chunks holding several lines', () => {
    assert.deepEqual(split(['ab', 'c\nde', 'f\ng\nh']), ['abc', 'def', 'g', 'h']);
  });

  it('keeps a UTF-8 character whole when its bytes arrive in different chunks, at every cut', () => {
    const bytes = Buffer.from('héllo € 😀 ok\nnext\n');
    for (let at = 1; at < bytes.length; at++) {
      assert.deepEqual(split([bytes.subarray(0, at), bytes.subarray(at)]), ['héllo € 😀 ok', 'next'], `cut at ${at}`);
    }
  });

  it('ends lines at CRLF, LF and a lone CR, also when CR and LF arrive in different chunks', () => {
    assert.deepEqual(split(['a\r\nb\rc\nd']), ['a', 'b', 'c', 'd']);
    assert.deepEqual(split(['a\r', '\nb\r', 'c\r', '']), ['a', 'b', 'c']);
    assert.deepEqual(split(['one\r\r\ntwo\n\n']), ['one', '', 'two', '']);
  });

  it('cuts a line over 64 KiB into marked pieces without splitting a character', () => {
    const long = '€'.repeat(MAX_LINE_BYTES); // 3 bytes each, so the limit falls inside a character
    const lines = split([long.slice(0, 1000), long.slice(1000), '\nafter\n']);
    const pieces = lines.slice(0, -1);
    assert.equal(lines.at(-1), 'after');
    assert.ok(pieces.length >= 3);
    for (const piece of pieces.slice(0, -1)) {
      assert.ok(piece.endsWith(LINE_CUT_MARKER));
      assert.ok(Buffer.byteLength(piece) - Buffer.byteLength(LINE_CUT_MARKER) <= MAX_LINE_BYTES);
    }
    assert.ok(!lines.join('').includes('\ufffd'), 'no broken characters');
    assert.equal(pieces.map((p) => p.replace(LINE_CUT_MARKER, '')).join(''), long);
  });

  it('regression: a line of bytes that are not UTF-8 made the cut at 64 KiB loop forever', () => {
    const notUtf8 = Buffer.concat([Buffer.from('a'), Buffer.alloc(MAX_LINE_BYTES + 10, 0xb0), Buffer.from('z\n')]);
    const blocks: Buffer[] = [];
    const splitter = new LineSplitter((bytes) => blocks.push(bytes));
    splitter.push(notUtf8);
    splitter.flush();
    const marker = Buffer.from(LINE_CUT_MARKER);
    const whole = Buffer.concat(blocks);
    assert.equal(whole.length, notUtf8.length + marker.length + 1, 'one cut, every byte kept');
    assert.ok(whole.subarray(MAX_LINE_BYTES, MAX_LINE_BYTES + marker.length).equals(marker), 'cut at the cap where no character boundary is near');
  });

  it('passes bytes that are not UTF-8 on as they came', () => {
    const odd = Buffer.from([0x61, 0xff, 0xc3, 0x0a, 0x80, 0x62, 0x0a]);
    const blocks: Buffer[] = [];
    const splitter = new LineSplitter((bytes) => blocks.push(bytes));
    for (const [from, to] of [[0, 2], [2, 3], [3, 5], [5, 7]]) splitter.push(odd.subarray(from, to));
    splitter.flush();
    assert.ok(Buffer.concat(blocks).equals(odd));
  });

  it('leaves a line of exactly 64 KiB whole', () => {
    const exact = 'x'.repeat(MAX_LINE_BYTES);
    assert.deepEqual(split([exact, '\n']), [exact]);
  });

  it('hands on the whole lines of a small chunk as one block, in order, whatever ends them', () => {
    const blocks: Array<[string, number]> = [];
    const splitter = new LineSplitter((bytes, lineCount) => blocks.push([bytes.toString(), lineCount]));
    const long = 'y'.repeat(MAX_LINE_BYTES + 10);
    splitter.push(`one\ntwo\r\nthree\rfour\n${long}\nfive\nsix`);
    splitter.push('\nseven\n');
    splitter.flush();
    assert.equal(blocks.length, 2, 'one block per chunk that ends a line, when no run of lines is most of it');
    const first = blocks[0][0].split('\n');
    assert.deepEqual([first.slice(0, 4), first.slice(-2)], [['one', 'two', 'three', 'four'], ['five', '']]);
    assert.ok(first[4].endsWith(LINE_CUT_MARKER), 'the long line is cut in its place');
    assert.equal(blocks[0][1], first.length - 1);
    assert.deepEqual(blocks[1], ['six\nseven\n', 2]);
  });

  it('hands on the last unterminated line at flush, and nothing for an empty stream', () => {
    assert.deepEqual(split(['partial']), ['partial']);
    assert.deepEqual(split([]), []);
    assert.deepEqual(split(['done\n']), ['done']);
  });

  it('splits random chunks of short lines as splitting the whole text at once does', () => {
    const random = seeded(21);
    const characters = Array.from('ab \n\n\n\r\r\néé😀');
    // A pipe read has memory of its own, and its runs of lines go on as slices of it; a small
    // string's bytes share Node's pool, and its runs are copied. Every other round is each.
    const ownMemory = (piece: Buffer): Buffer => Buffer.from(new Uint8Array(piece).buffer);
    for (let round = 0; round < 300; round++) {
      const text = randomText(random, characters, 400);
      const pieces = cutAtRandom(Buffer.from(text), random, 4);
      const chunks = round % 2 === 0 ? pieces.map(ownMemory) : pieces;
      const expected = text.split(/\r\n|\r|\n/);
      if (expected.at(-1) === '') expected.pop();
      assert.deepEqual(split(chunks), expected, `round ${round}: ${JSON.stringify(text)} in ${chunks.length} pieces`);
    }
  });

  it('keeps lines up to the cap whole, counted in bytes, in order whatever the chunks', () => {
    const random = seeded(5);
    const lines = ['a'.repeat(MAX_LINE_BYTES - 1), 'é'.repeat(MAX_LINE_BYTES / 2), 'abc', '', 'a'.repeat(MAX_LINE_BYTES), 'é'.repeat(MAX_LINE_BYTES / 2 - 1)];
    const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''));
    for (let round = 0; round < 20; round++) {
      const chunks = cutAtRandom(bytes, random, 6);
      assert.deepEqual(split(chunks), lines, `round ${round}: pieces of ${chunks.map((chunk) => chunk.length).join(',')} bytes`);
    }
  });
});

describe('LineSplitter blocks', () => {
  const blocksOf = (chunks: Buffer[]): Buffer[] => {
    const blocks: Buffer[] = [];
    const splitter = new LineSplitter((bytes) => blocks.push(bytes));
    for (const chunk of chunks) splitter.push(chunk);
    splitter.flush();
    return blocks;
  };

  it('hands on a pipe read of whole short lines as it came, without copying it', () => {
    const chunk = Buffer.from('one\ntwo\nthree\n'.repeat(1000));
    const [block] = blocksOf([chunk]);
    assert.equal(block, chunk);
  });

  it('hands on the line that a read finishes apart from the run after it, so the run is not copied', () => {
    const run = 'two\nthree\n'.repeat(1000);
    const second = Buffer.from(`e\n${run}`);
    const blocks: Array<[Buffer, number]> = [];
    const splitter = new LineSplitter((bytes, lineCount) => blocks.push([bytes, lineCount]));
    splitter.push(Buffer.from('on'));
    splitter.push(second);
    splitter.flush();
    assert.deepEqual(
      blocks.map(([bytes, lineCount]) => [bytes.toString(), lineCount]),
      [
        ['one\n', 1],
        [run, 2000],
      ],
    );
    assert.equal(blocks[1][0].buffer, second.buffer, 'the run is a slice of the read');
  });

  it('copies a few lines out of a large read, so a kept block does not hold the whole read in memory', () => {
    const long = Buffer.from(`short\n${'x'.repeat(60_000)}`);
    const [block] = blocksOf([long, Buffer.from('\n')]);
    assert.equal(block.toString(), 'short\n');
    assert.notEqual(block.buffer, long.buffer);
  });
});
