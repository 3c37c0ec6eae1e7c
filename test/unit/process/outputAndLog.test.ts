import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeAnsi } from '../../../src/core/process/ansi';
import { formatLine } from '../../../src/core/process/outputFormat';
import { instanceLogPath } from '../../../src/core/process/logFile';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';
import type { OutputOptions } from '../../../src/core/config/types';

const instance = { name: 'flood', index: 1, count: 1, root: '/' };

function numbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, n) => String(from + n));
}

describe('ManagedProcess output and log file', () => {
  let dir: string;
  const started: ManagedProcess[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-log-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the flooder to its end; resolves with the probe as it was when 'exited' was fired. */
  async function flood(count: number, output: Partial<OutputOptions> = {}, flags: string[] = [], onExited = () => {}) {
    const spec = makeSpec({
      name: 'flood',
      command: nodeFixture('flooder.js', count, ...flags),
      restart: 'never',
      output: { ...makeSpec().output, ...output },
    });
    const process = new ManagedProcess(spec, instance);
    started.push(process);
    const probe = new ProcessProbe(process);
    let linesAtExit = -1;
    process.onDidChangeState((change) => {
      if (change.current.status !== 'exited') return;
      linesAtExit = probe.lines.length;
      onExited();
    });
    await process.start();
    await probe.waitForStatus('exited', 15_000);
    return { probe, linesAtExit };
  }

  it('delivers 200,000 lines complete and in order, in far fewer batches, before the exit state', async () => {
    const { probe, linesAtExit } = await flood(200_000);
    assert.equal(probe.lines.length, 200_000);
    assert.ok(probe.text().every((text, n) => text === String(n)), 'every line in order');
    assert.ok(probe.batches <= 200_000 / 50, `batches: ${probe.batches}`);
    assert.equal(linesAtExit, 200_000, 'all output is delivered before the exit is reported');
    assert.equal(probe.process.state.message, 'exited with code 0');
  });

  it('writes every line to the log file without ANSI codes (stripAnsi), on disk before the exit state', async () => {
    const logFile = path.join(dir, 'logs', 'flood.log');
    let logLinesAtExit = -1;
    const countLogLines = () => (logLinesAtExit = fs.readFileSync(logFile, 'utf8').split('\n').length - 1);
    const { probe } = await flood(20_000, { logFile, stripAnsi: true }, ['--ansi'], countLogLines);
    assert.ok(probe.text()[0].includes('\u001b['), 'onOutput keeps ANSI');
    assert.equal(logLinesAtExit, 20_000);
    assert.deepEqual(fs.readFileSync(logFile, 'utf8').split('\n').slice(0, -1), numbers(20_000));
  });

  it('regression: stripAnsi false keeps the escapes in the log file, as procs up keeps them', async () => {
    const logFile = path.join(dir, 'flood.log');
    await flood(3, { logFile, stripAnsi: false }, ['--ansi']);
    assert.deepEqual(fs.readFileSync(logFile, 'utf8').split('\n').slice(0, -1), ['\u001b[32m0\u001b[0m', '\u001b[32m1\u001b[0m', '\u001b[32m2\u001b[0m']);
  });

  it('regression: a log file that cannot be written is reported once, not for every batch', async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'a file, not a folder');
    const { probe } = await flood(20_000, { logFile: path.join(dir, 'notes.txt', 'flood.log') });
    assert.ok(probe.batches > 2, `several batches (${probe.batches})`);
    const reports = probe.text().filter((text) => text.startsWith('[procs] log file'));
    assert.equal(reports.length, 1, reports.join('\n'));
  });

  it('regression: a log file where no folder can be made (under /proc) hung the exit, spinning a core', async () => {
    const { probe } = await flood(100, { logFile: '/proc/procs-no-such-folder/flood.log' });
    const [reports, lines] = [probe.text().filter((text) => text.startsWith('[procs] log file')), probe.text().filter((text) => !text.startsWith('[procs]'))];
    assert.equal(reports.length, 1, 'the log file is reported');
    assert.equal(lines.length, 100, 'and the output still arrives');
  });

  it('regression: an unterminated title escape took the lines after it out of the log file', async () => {
    const logFile = path.join(dir, 'title.log');
    const text = '\u001b]0;my title\nERROR: migration failed\nretrying in 5s\n\u0007ok\n\u001bPdcs\nsecond line\n\u001b\\ end\n\u001bkscreen title\nthird line\n\u001b\\\u001b]0;t\u0007shown\n';
    const spec = makeSpec({ name: 'title', command: ['node', '-e', `process.stdout.write(${JSON.stringify(text)})`], restart: 'never', output: { ...makeSpec().output, logFile, stripAnsi: true } });
    const process = new ManagedProcess(spec, instance);
    started.push(process);
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('exited', 15_000);

    const lines = fs.readFileSync(logFile, 'utf8').split('\n');
    for (const line of ['ERROR: migration failed', 'retrying in 5s', 'ok', 'second line', ' end', 'third line', 'shown']) assert.ok(lines.includes(line), `${line} is in the log: ${JSON.stringify(lines)}`);
    assert.ok(!lines.some((line) => line.includes('\u001b')), 'no escape is left');
    for (const gone of ['my title', 'dcs', 'screen title']) assert.ok(!lines.some((line) => line.includes(gone)), `${gone} went with its escape`);
  });

  it('prefixes log lines with an ISO time when timestamps are on', async () => {
    const logFile = path.join(dir, 'flood.log');
    await flood(3, { logFile, timestamps: true });
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').slice(0, -1);
    assert.deepEqual(lines.map((l) => l.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /, '')), ['0', '1', '2']);
  });

  it('rotates by size, keeps keepLogs old files, and loses nothing in the kept ones', async () => {
    const logFile = path.join(dir, 'flood.log');
    const maxLogSizeBytes = 40_000;
    await flood(50_000, { logFile, maxLogSizeBytes, keepLogs: 2 });
    assert.ok(fs.existsSync(`${logFile}.1`) && fs.existsSync(`${logFile}.2`));
    assert.ok(!fs.existsSync(`${logFile}.3`), 'only keepLogs rotated files');
    const kept = [`${logFile}.2`, `${logFile}.1`, logFile].flatMap((file) =>
      fs.readFileSync(file, 'utf8').split('\n').slice(0, -1),
    );
    // The kept files, oldest first, hold an unbroken run of lines ending with the last one.
    assert.deepEqual(kept, numbers(kept.length, 50_000 - kept.length));
  });

  it('names the log of each of several instances apart', () => {
    assert.equal(instanceLogPath('/l/api.log', 2, 3), '/l/api.2.log');
    assert.equal(instanceLogPath('/l/api', 1, 2), '/l/api.1');
    assert.equal(instanceLogPath('/l/api.log', 1, 1), '/l/api.log');
  });

  it('an Output channel line loses a cut title, keeps what follows a string ended by another escape, and keeps palette codes\' text', () => {
    const shown = (text: string): string => formatLine({ stream: 'stdout', text, time: 0 }, { stripAnsi: true, timestamps: false }, 'text');
    assert.deepEqual(
      [shown('\u001b]0;my title'), shown('before \u001b]0;x\u001b[31mERROR\u001b[0m after'), shown('\u001b]P0ffffffvisible text'), shown('\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\')],
      ['', 'before ERROR after', 'visible text', 'link'],
    );
  });

  it('removeAnsi drops colour (CSI) and title (OSC) sequences, keeps the text', () => {
    assert.equal(removeAnsi('\u001b[1;31mred\u001b[0m \u001b]0;title\u0007plain \u001b]8;;http://x\u001b\\link'), 'red plain link');
  });
});
