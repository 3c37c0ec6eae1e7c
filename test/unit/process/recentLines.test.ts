import * as assert from 'assert';
import { RecentLines } from '../../../src/core/process/recentLines';

describe('RecentLines', () => {
  const byLength = (text: string): number => text.length;

  it('keeps the newest items, oldest first, and counts those that fell off', () => {
    const recent = new RecentLines<string>(3, 1000, byLength);
    for (const item of ['a', 'b', 'c', 'd', 'e']) recent.push(item);
    assert.deepStrictEqual(recent.last(), ['c', 'd', 'e']);
    assert.deepStrictEqual(recent.last(2), ['d', 'e']);
    assert.deepStrictEqual(recent.last(10), ['c', 'd', 'e']);
    assert.strictEqual(recent.dropped, 2);
    assert.strictEqual(recent.length, 3);
  });

  it('is bounded by size as well: old items go until the rest fits', () => {
    const recent = new RecentLines<string>(100, 10, byLength);
    recent.push('aaaa');
    recent.push('bbbb');
    recent.push('cccc');
    assert.deepStrictEqual(recent.last(), ['bbbb', 'cccc']);
    assert.strictEqual(recent.bytes, 8);
  });

  it('keeps the newest item even when it alone is over the size bound', () => {
    const recent = new RecentLines<string>(100, 10, byLength);
    recent.push('aa');
    recent.push('x'.repeat(50));
    assert.deepStrictEqual(recent.last(), ['x'.repeat(50)]);
    assert.strictEqual(recent.dropped, 1);
  });

  it('holds a million pushes in its bound', () => {
    const recent = new RecentLines<number>(10_000, 1_000_000, () => 8);
    for (let i = 0; i < 1_000_000; i++) recent.push(i);
    assert.strictEqual(recent.length, 10_000);
    assert.strictEqual(recent.last(1)[0], 999_999);
    assert.strictEqual(recent.last()[0], 990_000);
  });

  it('take() hands over what it holds and starts empty, without counting them as dropped', () => {
    const recent = new RecentLines<string>(3, 1000, byLength);
    for (const item of ['a', 'b', 'c', 'd']) recent.push(item);
    assert.deepStrictEqual(recent.take(), ['b', 'c', 'd']);
    assert.strictEqual(recent.length, 0);
    assert.strictEqual(recent.bytes, 0);
    recent.push('e');
    assert.deepStrictEqual(recent.last(), ['e']);
    assert.strictEqual(recent.dropped, 1);
  });

  it('shrinks the oldest item, where it can, rather than dropping more than the bound asks', () => {
    // Items are runs of letters; the oldest may lose letters from its front.
    const recent = new RecentLines<string>(100, 10, byLength, (item, overBy) => (overBy < item.length ? item.slice(overBy) : undefined));
    recent.push('aaaaaaaa');
    recent.push('bbbbb');
    assert.deepStrictEqual(recent.last(), ['aaaaa', 'bbbbb']);
    assert.strictEqual(recent.bytes, 10);
    recent.push('cccccccccc');
    assert.deepStrictEqual(recent.last(), ['cccccccccc'], 'what cannot shrink enough goes whole');
    assert.strictEqual(recent.bytes, 10);
  });

  it('drops an item its shrinker does not make lighter, so a push always ends', () => {
    const recent = new RecentLines<string>(100, 10, byLength, (item) => item);
    recent.push('aaaaaaaa');
    recent.push('bbbbb');
    assert.deepStrictEqual(recent.last(), ['bbbbb']);
  });
});
