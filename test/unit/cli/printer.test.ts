import * as assert from 'node:assert/strict';
import { Printer } from '../../../src/cli/printer';
import { ReadBlock, type OutputBatch } from '../../../src/core/process/outputTypes';
import type { ProcessSpec } from '../../../src/core/config/types';
import { makeSpec } from '../helpers/processSpec';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

function batch(name: string, ...texts: string[]): OutputBatch {
  return { name, blocks: [{ stream: 'stdout', text: texts.map((text) => `${text}\n`).join(''), lineCount: texts.length, time: Date.UTC(2026, 0, 2, 3, 4, 5) }] };
}

function withOutput(output: Partial<ProcessSpec['output']>): ProcessSpec {
  const spec = makeSpec();
  return { ...spec, output: { ...spec.output, ...output } };
}

function printed(color: boolean, setUp: (printer: Printer) => void): string[] {
  const writes: string[] = [];
  // Each write is done at once, as stdout's callback would say, so buffers go back to be reused.
  const write = (text: string | Buffer, written?: () => void): void => {
    writes.push(Buffer.from(text).toString());
    written?.();
  };
  const printer = new Printer({ write, color });
  printer.setNames(['web', 'worker']);
  setUp(printer);
  return writes;
}

describe('Printer', () => {
  it('writes a batch at once, every line prefixed with the aligned name, colour codes stripped', () => {
    const writes = printed(false, (p) => p.output(batch('web', `${RED}red${RESET} text`, '', 'plain'), withOutput({ stripAnsi: true })));
    assert.deepEqual(writes, ['web    | red text\nweb    | \nweb    | plain\n']);
  });

  it("keeps the child's colour codes where asked, and on a terminal", () => {
    const spec = withOutput({ stripAnsi: false });
    assert.deepEqual(printed(false, (p) => p.output(batch('web', `${RED}red`), spec)), [`web    | ${RED}red\n`]);
    const onTerminal = printed(true, (p) => p.output(batch('worker', `${RED}red`), withOutput({ stripAnsi: true })));
    assert.deepEqual(onTerminal, [`\x1b[35mworker | ${RESET}${RED}red${RESET}\n`]);
  });

  it('prefixes every line of a batch that holds several blocks', () => {
    const time = Date.UTC(2026, 0, 2, 3, 4, 5);
    const blocks = [
      { stream: 'stdout' as const, text: 'one\ntwo\n', lineCount: 2, time },
      { stream: 'stderr' as const, text: 'three\n', lineCount: 1, time },
    ];
    const writes = printed(false, (p) => p.output({ name: 'worker', blocks }, withOutput({})));
    assert.deepEqual(writes, ['worker | one\nworker | two\nworker | three\n']);
  });

  it('prints large batches one after another whole, through buffers it reuses', () => {
    const lines = (word: string): string[] => Array.from({ length: 3000 }, (_, index) => `${word} ${index}`);
    const writes = printed(false, (p) => {
      p.output(batch('web', ...lines('first')), withOutput({}));
      p.output(batch('worker', ...lines('second')), withOutput({}));
    });
    assert.deepEqual(writes, [lines('first').map((line) => `web    | ${line}\n`).join(''), lines('second').map((line) => `worker | ${line}\n`).join('')]);
  });

  it('puts the time of the line after the prefix when timestamps are on', () => {
    const spec = withOutput({ timestamps: true });
    const writes = printed(false, (p) => p.output(batch('worker', 'one', 'two'), spec));
    assert.deepEqual(writes, ['worker | 2026-01-02T03:04:05.000Z one\nworker | 2026-01-02T03:04:05.000Z two\n']);
  });

  it('prints blocks read from a pipe as it prints their text, and leaves undecoded those shown as read', () => {
    const lines = ['plain', `${RED}red${RESET}`, 'café €', ''];
    const cases: Array<[boolean, Partial<ProcessSpec['output']>, boolean]> = [
      [false, { stripAnsi: true }, false],
      [false, { stripAnsi: false }, true],
      [true, { stripAnsi: true }, true],
      [false, { timestamps: true, stripAnsi: false }, false],
    ];
    for (const [color, output, asRead] of cases) {
      // Û ends in the byte 0x9b, as U+009B (an escape) does in UTF-8.
      for (const shown of [lines, lines.slice(0, 1), ['Über Û 日本']]) {
        const spec = withOutput(output);
        const text = shown.map((line) => `${line}\n`).join('');
        const read = new ReadBlock('stdout', Buffer.from(text), shown.length, Date.UTC(2026, 0, 2, 3, 4, 5));
        const fromPipe = printed(color, (p) => p.output({ name: 'web', blocks: [read] }, spec));
        assert.deepEqual(fromPipe, printed(color, (p) => p.output(batch('web', ...shown), spec)), JSON.stringify({ color, output, shown }));
        const escapes = shown.some((line) => line.includes('\x1b'));
        assert.equal(read.bytes !== undefined, asRead || (!escapes && !output.timestamps), 'decoded only when the text must change');
      }
    }
  });
});
