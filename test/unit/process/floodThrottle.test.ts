import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../../../src/core/clock';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { Emitter } from '../../../src/core/events';
import { FloodThrottle } from '../../../src/core/process/floodThrottle';
import { OutputGate } from '../../../src/core/process/outputGate';
import type { OutputBatch } from '../../../src/core/process/outputTypes';
import { Supervisor } from '../../../src/core/supervisor';
import { FakeClock } from '../helpers/fakeClock';
import { fixture } from '../helpers/processSpec';
import { makeTempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

const options = { charsPerSecond: 1000, windowMs: 100, maxPauseMs: 300 };
const batch = (chars: number): OutputBatch => ({ name: 'flood', blocks: [{ stream: 'stdout', text: 'x'.repeat(chars - 1) + '\n', lineCount: 1, time: 0 }] });

describe('FloodThrottle: a flood pauses reading, quiet output never does (virtual time)', () => {
  let clock: FakeClock;
  let gate: OutputGate;
  let output: Emitter<OutputBatch>;
  let throttle: FloodThrottle;
  beforeEach(() => {
    clock = new FakeClock();
    gate = new OutputGate();
    output = new Emitter<OutputBatch>();
    throttle = new FloodThrottle(gate, output.event, clock, options);
  });
  afterEach(() => throttle.dispose());

  it('output within the rate is never paused, and no timer runs once it stops', () => {
    output.fire(batch(60));
    clock.advance(50);
    output.fire(batch(40));
    clock.advance(50);
    assert.ok(gate.open, '100 characters in 100 ms is the rate itself');
    assert.equal(clock.pending, 0, 'quiet: nothing scheduled');
  });

  it('a window over the rate pauses for as long as brings window and pause back to the rate', () => {
    output.fire(batch(250)); // 2.5× the rate: 250 characters take 250 ms, 150 beyond the window
    clock.advance(100);
    assert.equal(gate.open, false);
    clock.advance(149);
    assert.equal(gate.open, false);
    clock.advance(1);
    assert.ok(gate.open);
    assert.equal(clock.pending, 0);
  });

  it('a pause is never longer than maxPauseMs; what it did not make up for is owed by the next window', () => {
    output.fire(batch(900)); // 900 ms worth: 100 of window and 300 of pause cover 400
    clock.advance(100);
    assert.equal(gate.open, false);
    clock.advance(300);
    assert.ok(gate.open, 'open again after 300 ms');
    output.fire(batch(100)); // the next window: 500 owed + 100 new = 600 characters
    clock.advance(100);
    assert.equal(gate.open, false, 'the debt pauses again');
    clock.advance(300);
    assert.ok(gate.open);
    clock.advance(100);
    assert.ok(gate.open, 'a window with only debt in it (the flood ended) pauses nothing');
    assert.equal(clock.pending, 0);
  });

  it('dispose opens the gate it holds', () => {
    output.fire(batch(1000));
    clock.advance(100);
    assert.equal(gate.open, false);
    throttle.dispose();
    assert.ok(gate.open);
  });
});

describe('FloodThrottle with a real flood', () => {
  it('pauses a child printing without pause, and its log file still gets every line', async function () {
    this.timeout(30_000);
    const project = makeTempProject();
    const supervisor = new Supervisor();
    const throttle = new FloodThrottle(supervisor.outputGate, supervisor.onOutput, systemClock, { charsPerSecond: 200_000, windowMs: 20, maxPauseMs: 20 });
    let pauses = 0;
    supervisor.outputGate.onDidChange((open) => (pauses += open ? 0 : 1));
    try {
      // 6.9 MB (under the log's rotation size), printed over many 20 ms windows however fast the machine;
      // each holds far more than the 4,000 characters the rate allows, and a pause at most doubles the time.
      const count = 1_000_000;
      project.writeConfig({ processes: { flood: { command: ['node', fixture('flooder.js'), String(count)], restart: 'never', output: { logFile: 'flood.log' } } } });
      await supervisor.apply(await loadConfig(project.configFile));
      await supervisor.up();
      await waitFor(() => supervisor.get('flood')?.state.status === 'exited', { timeoutMs: 25_000, message: 'the flood ends' });
      assert.ok(pauses > 0, 'reading paused at least once');
      const log = fs.readFileSync(path.join(project.root, 'flood.log'), 'utf8').split('\n');
      assert.equal(log.length - 1, count, 'every line is in the log file');
      assert.equal(log[count - 1], String(count - 1));
    } finally {
      throttle.dispose();
      await supervisor.dispose();
      project.remove();
    }
  });
});
