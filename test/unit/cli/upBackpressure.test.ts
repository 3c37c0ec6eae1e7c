import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { readStat } from '../../../src/core/system/procTable';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
/** A heap far smaller than the output: buffering it would be fatal, not just wasteful. */
const HEAP_MB = 32;

/** `procs up` under a heap cap, with stdout left unread until the test says. */
function upWithHeapCap(cwd: string): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'up'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  return child;
}

function rssMb(pid: number): number {
  return (readStat(pid)?.rssBytes ?? NaN) / 1024 ** 2;
}

describe('procs up under a slow reader', function () {
  let project: TempProject;
  let child: ChildProcessByStdio<null, Readable, Readable> | undefined;
  beforeEach(() => (project = makeTempProject()));
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.stdout.resume();
      child.kill('SIGTERM');
      child.kill('SIGINT');
      await new Promise((resolve) => child?.once('close', resolve));
    }
    child = undefined;
    project.remove();
  });

  it('regression: a slow reader makes the child wait instead of growing procs until it dies, and no line is lost', async () => {
    const total = 1_000_000;
    const progress = path.join(project.root, 'progress');
    // 100-byte lines, 100 MB in all; every 10,000 lines the flooder notes how far it got.
    const flooder = `const fs = require('fs'); const pad = 'x'.repeat(90); let n = 0;
      (function write() {
        while (n < ${total}) {
          let chunk = ''; for (const end = n + 1000; n < end; n++) chunk += String(n).padStart(9, '0') + pad + '\\n';
          if (n % 10000 === 0) fs.writeFileSync(${JSON.stringify(progress)}, String(n));
          if (!process.stdout.write(chunk)) return process.stdout.once('drain', write);
        }
      })();`;
    project.writeConfig({ processes: { flood: { command: ['node', '-e', flooder], restart: 'never' } } });
    child = upWithHeapCap(project.root);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    let ended = false;
    void exited.then(() => (ended = true));

    // Unread, the output stops flowing: the flooder's progress stands still (or, unbounded, it runs to the end).
    const read = (): number => Number(fs.existsSync(progress) ? fs.readFileSync(progress, 'utf8') : 0);
    let last = -1;
    let still = 0;
    await waitFor(
      () => {
        const now = read();
        still = now === last ? still + 1 : 0;
        last = now;
        return ended || now >= total || still >= 30;
      },
      { timeoutMs: 60_000, message: 'the flooder to stall or finish' },
    );
    assert.equal(ended, false, 'procs is still alive');
    assert.ok(read() < total / 10, `the child was held back (wrote ${read()} of ${total} lines)`);
    assert.ok(rssMb(child.pid ?? 0) < 200, `procs RSS ${rssMb(child.pid ?? 0).toFixed(0)} MB`);

    // Read now: every line arrives, in order.
    let expected = 0;
    let outOfOrder = 0;
    let partial = '';
    let finished = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^flood \| (\d{9})x/.exec(line);
        if (match) {
          if (Number(match[1]) !== expected) outOfOrder++;
          expected++;
        } else if (/exited with code 0/.test(line)) finished = true;
      }
    });
    child.stdout.resume();
    await waitFor(() => finished, { timeoutMs: 120_000, message: `the flooder's end (${expected} lines so far)` });
    assert.equal(expected, total);
    assert.equal(outOfOrder, 0);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  it('regression: 50 MB without a newline passes through a heap-capped procs', async () => {
    const writer = `const b = Buffer.alloc(1 << 20, 120); let n = 50;
      (function write() { while (n > 0) { n--; if (!process.stdout.write(b)) return process.stdout.once('drain', write); } })();`;
    project.writeConfig({ processes: { big: { command: ['node', '-e', writer], restart: 'never' } } });
    child = upWithHeapCap(project.root);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    let bytes = 0;
    let tail = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      bytes += chunk.length;
      tail = (tail + chunk).slice(-200);
    });
    child.stdout.resume();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    // A procs that dies (a signal: V8 aborts when out of heap) ends the wait too, and says how.
    const ended = (): boolean => child?.exitCode !== null || child?.signalCode !== null;
    await waitFor(() => /exited with code 0/.test(tail) || ended(), { timeoutMs: 15_000, message: 'the end of the writer' });
    assert.match(tail, /exited with code 0/, `procs ended (${child.exitCode ?? child.signalCode}): ${stderr}`);
    assert.ok(bytes > 50 * (1 << 20), `${bytes} bytes arrived`);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});
