import * as assert from 'node:assert/strict';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { systemClock } from '../../../src/core/clock';
import { OutputGate } from '../../../src/core/process/outputGate';
import { ProcessOutput, RECENT_OUTPUT } from '../../../src/core/process/processOutput';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';

// What a process keeps of its output for a terminal opened later ("Open in Terminal" replays it):
// at most RECENT_OUTPUT.lines lines and about RECENT_OUTPUT.chars characters, the newest kept.

describe('ManagedProcess recent output (the terminal replay)', () => {
  const started: ManagedProcess[] = [];
  const closers: ProcessOutput[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((process) => process.dispose()));
    await Promise.all(closers.splice(0).map((output) => output.close()));
  });

  /** Runs a fixture to its end and returns the process, every line it printed being delivered. */
  async function runToEnd(command: string[]): Promise<{ process: ManagedProcess; printed: number }> {
    const process = new ManagedProcess(makeSpec({ name: 'flood', command, restart: 'never' }), { name: 'flood', index: 1, count: 1, root: '/' });
    started.push(process);
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('exited', 15_000);
    assert.equal(process.state.message, 'exited with code 0');
    return { process, printed: probe.lines.length };
  }

  /** The output of one process, fed blocks by the test as its pipe reads would. */
  function directOutput(): ProcessOutput {
    const output = new ProcessOutput('flood', makeSpec({ name: 'flood' }), { index: 1, count: 1 }, systemClock, new OutputGate(), () => undefined);
    closers.push(output);
    return output;
  }

  const numbered = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `${from + i}\n`).join('');

  it(`keeps at most ${RECENT_OUTPUT.lines} short lines of a longer flood, the newest, in order`, async () => {
    const total = RECENT_OUTPUT.lines * 3 + 123;
    const { process, printed } = await runToEnd(nodeFixture('flooder.js', total));
    assert.equal(printed, total, 'every line was delivered to listeners');

    const kept = process.recentOutput().map((line) => line.text);
    assert.ok(kept.length <= RECENT_OUTPUT.lines, `${kept.length} lines kept, over the bound of ${RECENT_OUTPUT.lines}`);
    assert.ok(kept.length >= RECENT_OUTPUT.lines * 0.9, `only ${kept.length} of the ${RECENT_OUTPUT.lines} newest lines kept`);
    assert.equal(kept.at(-1), String(total - 1), 'the last line printed is kept');
    // The newest lines, unbroken and ending with the last one printed.
    const first = total - kept.length;
    assert.deepEqual(kept, Array.from({ length: kept.length }, (_, n) => String(first + n)));
  });

  it(`regression: holds about ${RECENT_OUTPUT.lines} of the newest short lines when they come 5,001 to a block (the whole oldest block went, leaving 5,001)`, async () => {
    // Pipe reads of a flood hand in blocks of thousands of short lines (the flooder's 5,000-line
    // writes arrive about one to a read). Fed here as such blocks, so the figure does not hang on
    // the kernel's timing: three blocks of 5,001 lines, 15,003 in all.
    const output = directOutput();
    const block = 5_001;
    for (let n = 0; n < 3; n++) {
      output.block('stdout', Buffer.from(numbered(n * block, block)), block);
      output.deliver();
    }
    const kept = output.recentLines().map((line) => line.text);
    const first = 3 * block - kept.length;
    assert.deepEqual(kept, Array.from({ length: kept.length }, (_, i) => String(first + i)), 'the newest lines, unbroken');
    assert.ok(kept.length >= RECENT_OUTPUT.lines * 0.9, `only ${kept.length} of the ${RECENT_OUTPUT.lines} newest lines kept for the terminal`);
  });

  it(`cuts one pipe read of more than ${RECENT_OUTPUT.lines} lines to its newest ${RECENT_OUTPUT.lines}`, () => {
    const output = directOutput();
    const total = RECENT_OUTPUT.lines * 2 + 7;
    output.block('stdout', Buffer.from(numbered(0, total)), total);
    output.deliver();
    const kept = output.recentLines().map((line) => line.text);
    assert.equal(kept.length, RECENT_OUTPUT.lines);
    assert.deepEqual(kept, numbered(total - RECENT_OUTPUT.lines, RECENT_OUTPUT.lines).slice(0, -1).split('\n'));
  });

  it(`keeps long lines within ${RECENT_OUTPUT.chars} characters, the newest, in order`, async () => {
    const width = 1000;
    // Three times the character bound, and far fewer lines than the line bound.
    const total = Math.ceil((RECENT_OUTPUT.chars * 3) / width);
    assert.ok(total < RECENT_OUTPUT.lines);
    const { process, printed } = await runToEnd(nodeFixture('wide-lines.js', total, width));
    assert.equal(printed, total);

    const kept = process.recentOutput().map((line) => line.text);
    const chars = kept.reduce((sum, text) => sum + text.length + 1, 0);
    assert.ok(chars <= RECENT_OUTPUT.chars, `${chars} characters kept, over the bound of ${RECENT_OUTPUT.chars}`);
    // Dropping whole pipe reads may keep a little less than the bound, never most of it less.
    assert.ok(chars > RECENT_OUTPUT.chars * 0.9, `only ${chars} of ${RECENT_OUTPUT.chars} characters kept`);
    const first = total - kept.length;
    assert.deepEqual(kept.map((text) => Number(text.split(' ')[0])), Array.from({ length: kept.length }, (_, n) => first + n));
    assert.ok(kept.every((text) => text.length === width), 'each line whole');
  });
});
