import * as assert from 'assert';
import { CHANNEL_WINDOW, ChannelWindow, notShownText, type ChannelSink } from '../../../src/vscode/channelWindow';
import type { OutputBlock } from '../../../src/core/process/outputTypes';
import { PendingOutput } from '../../../src/vscode/pendingOutput';
import { FakeClock } from '../helpers/fakeClock';

/** An Output channel as the workbench holds it: the lines it was given, and how often it was written. */
class FakeChannel implements ChannelSink {
  lines: string[] = [];
  writes = 0;
  /** The channel's file: VS Code keeps all a channel was given, replaced or not. */
  private file: string[] = [];
  append(text: string): void {
    this.writes++;
    const lines = text.split('\n').slice(0, -1);
    this.lines.push(...lines);
    this.file.push(...lines);
  }
  replace(text: string): void {
    this.writes++;
    this.lines = text.split('\n').slice(0, -1);
    this.file.push(...this.lines);
  }
  /** What VS Code shows after reading a replace's offset before its writer got there: the whole file. */
  reloadWholeFile(): void {
    this.lines = [...this.file];
  }
}

const NOTICE = /^── ([\d,]+) lines? not shown here; all of them are in logs\/flood\.log ──$/;

function setUp(keptIn: string | undefined = 'logs/flood.log'): { clock: FakeClock; channel: FakeChannel; window: ChannelWindow } {
  const clock = new FakeClock();
  const channel = new FakeChannel();
  const window = new ChannelWindow(channel, { format: (line) => line.text, keptIn: () => keptIn, clock });
  return { clock, channel, window };
}

/** The numbers from … from+count-1, one a line, as one block (a pipe read). */
function lines(from: number, count: number): OutputBlock[] {
  return [{ stream: 'stdout', text: numbers(from, count).map((n) => `${n}\n`).join(''), lineCount: count, time: 0 }];
}

function numbers(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(from + i));
}

describe('ChannelWindow', () => {
  it('regression: a flood with its Output channel on screen freezes the window and holds memory', () => {
    const { clock, channel, window } = setUp();
    // 2,000,000 lines in batches of 2,000, one batch a millisecond (2 million lines a second) for one second.
    const total = 2_000_000;
    let maxLines = 0;
    for (let next = 0; next < total; next += 2000) {
      window.addOutput(lines(next, 2000));
      clock.advance(1);
      maxLines = Math.max(maxLines, channel.lines.length);
    }
    clock.advance(CHANNEL_WINDOW.intervalMs);
    // Rate-limited: a write every interval, not one per batch.
    assert.ok(channel.writes <= 1000 / CHANNEL_WINDOW.intervalMs + 1, `${channel.writes} writes in one second`);
    // Bounded: the channel never held more than its window.
    assert.ok(maxLines <= CHANNEL_WINDOW.maxLines, `the channel held ${maxLines} lines`);
    // Said plainly: the first line counts exactly the lines before the first one shown, and where they are.
    const notice = NOTICE.exec(channel.lines[0]);
    assert.ok(notice, `first line: ${channel.lines[0]}`);
    const firstShown = Number(channel.lines[1]);
    assert.strictEqual(Number(notice[1].replace(/,/g, '')), firstShown);
    assert.strictEqual(window.notShown, firstShown);
    // The newest lines, in order, none missing, the last one last.
    assert.deepStrictEqual(channel.lines.slice(1), numbers(firstShown, total - firstShown));
  });

  it('regression: after a flood the Output channel showed every window it had been rewritten with', () => {
    const { clock, channel, window } = setUp();
    for (let next = 0; next < 200_000; next += 2000) {
      window.addOutput(lines(next, 2000));
      clock.advance(CHANNEL_WINDOW.intervalMs / 5);
    }
    clock.advance(CHANNEL_WINDOW.intervalMs);
    channel.reloadWholeFile();
    assert.ok(channel.lines.length > CHANNEL_WINDOW.maxLines, `the file holds ${channel.lines.length} lines`);
    clock.advance(CHANNEL_WINDOW.settleMs);
    assert.ok(channel.lines.length <= CHANNEL_WINDOW.keepLines + 1, `the channel shows ${channel.lines.length} lines`);
    const notice = NOTICE.exec(channel.lines[0]);
    assert.ok(notice, `first line: ${channel.lines[0]}`);
    assert.strictEqual(Number(notice[1].replace(/,/g, '')), Number(channel.lines[1]));
    assert.strictEqual(channel.lines.at(-1), '199999');
    assert.strictEqual(window.shownLines, channel.lines.length);
    assert.strictEqual(window.notShown, Number(channel.lines[1]));
    const writes = channel.writes;
    clock.advance(10 * CHANNEL_WINDOW.settleMs);
    assert.strictEqual(channel.writes, writes, 'rewritten once more, not again and again');
  });

  it('steady output that wraps the window is not rewritten a second time: the lines appended since stay', () => {
    const { clock, channel, window } = setUp();
    let next = 0;
    const shown: number[] = [];
    for (let i = 0; i < 40; i++) {
      window.addOutput(lines(next, 1000));
      next += 1000;
      clock.advance(CHANNEL_WINDOW.intervalMs);
      shown.push(channel.lines.length);
    }
    // Only the wrap itself shrinks the channel: from near its bound to the kept lines.
    const shrinks = shown.flatMap((lines, i) => (i > 0 && lines < shown[i - 1] ? [shown[i - 1]] : []));
    assert.ok(shrinks.length > 0, 'the window wrapped');
    for (const before of shrinks) assert.ok(before > CHANNEL_WINDOW.maxLines - 1000, `shrank from ${before} lines`);
  });

  it('a flood gathers as blocks: only the newest lines a write can show are taken apart', () => {
    const pending = new PendingOutput(CHANNEL_WINDOW.keepLines, CHANNEL_WINDOW.keepChars);
    for (let i = 0; i < 50; i++) pending.add(lines(i * 7000, 7000)[0]);
    pending.add('── exited · code 0 ──');
    const items = pending.take();
    // The last block whole (7,000 ≥ 2,000 lines) and the line after it; the 49 before were dropped unsplit.
    assert.strictEqual(items.length, 7001);
    assert.deepStrictEqual(items.slice(0, 1), [{ stream: 'stdout', text: String(49 * 7000), time: 0 }]);
    assert.strictEqual(items.at(-1), '── exited · code 0 ──');
    assert.deepStrictEqual(pending.take(), []);
  });

  it('gathers whole blocks by characters too: one long line is kept, however long', () => {
    const pending = new PendingOutput(CHANNEL_WINDOW.keepLines, 100);
    for (let i = 0; i < 10; i++) pending.add({ stream: 'stdout', text: `${i}${'x'.repeat(60)}\n`, lineCount: 1, time: 0 });
    assert.deepStrictEqual(pending.take().map((item) => (typeof item === 'string' ? item : item.text[0])), ['8', '9']);
    pending.add({ stream: 'stdout', text: `${'y'.repeat(500)}\n`, lineCount: 1, time: 0 });
    assert.strictEqual(pending.take().length, 1);
  });

  it('writes a few lines within one interval, as they are, with nothing said about missing lines', () => {
    const { clock, channel, window } = setUp();
    window.addOutput(lines(0, 3));
    assert.deepStrictEqual(channel.lines, [], 'written on the interval, not at once');
    clock.advance(CHANNEL_WINDOW.intervalMs);
    assert.deepStrictEqual(channel.lines, ['0', '1', '2']);
    window.addOutput(lines(3, 2));
    window.flush();
    assert.deepStrictEqual(channel.lines, ['0', '1', '2', '3', '4']);
    assert.strictEqual(window.notShown, 0);
  });

  it('keeps lines of its own in order with the output, and does not count them as not shown', () => {
    const { clock, channel, window } = setUp();
    window.addOutput(lines(0, 1));
    window.addOwn('started · pid 42');
    window.addOutput(lines(1, 1));
    clock.advance(CHANNEL_WINDOW.intervalMs);
    assert.deepStrictEqual(channel.lines, ['0', '── started · pid 42 ──', '1']);
    assert.strictEqual(window.notShown, 0);
  });

  it('steady output past the window rewrites the channel with the newest lines and the count of the others', () => {
    const { clock, channel, window } = setUp();
    let next = 0;
    while (next < CHANNEL_WINDOW.maxLines + 500) {
      window.addOutput(lines(next, 100));
      next += 100;
      clock.advance(CHANNEL_WINDOW.intervalMs);
      assert.ok(channel.lines.length <= CHANNEL_WINDOW.maxLines);
    }
    const notice = NOTICE.exec(channel.lines[0]);
    assert.ok(notice, `first line: ${channel.lines[0]}`);
    assert.strictEqual(channel.lines.at(-1), String(next - 1));
    assert.strictEqual(Number(notice[1].replace(/,/g, '')), Number(channel.lines[1]));
  });

  it('bounds the channel by characters too: long lines are not held ten thousand at a time', () => {
    const { clock, channel, window } = setUp();
    const long = 'x'.repeat(60_000);
    for (let i = 0; i < 200; i++) {
      window.addOutput([{ stream: 'stdout', text: `${i} ${long}\n`, lineCount: 1, time: 0 }]);
      clock.advance(CHANNEL_WINDOW.intervalMs);
      const chars = channel.lines.reduce((sum, line) => sum + line.length + 1, 0);
      assert.ok(chars <= CHANNEL_WINDOW.maxChars + 200, `the channel held ${chars} characters`);
    }
    assert.ok(channel.lines.at(-1)?.startsWith('199 '));
  });

  it('says where the lines are, or that they were not kept', () => {
    assert.strictEqual(notShownText(1_204_331, 'logs/api.log'), '1,204,331 lines not shown here; all of them are in logs/api.log');
    assert.strictEqual(notShownText(1, 'logs/api.log'), '1 line not shown here; all of them are in logs/api.log');
    assert.strictEqual(notShownText(5000, undefined), '5,000 lines not shown here and not kept (output.logFile keeps every line)');
  });
});
