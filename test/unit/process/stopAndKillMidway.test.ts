import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProcessSpec } from '../../../src/core/config/types';
import { isAlive } from '../../../src/core/process/killTree';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';

const instance = { name: 'midway', index: 1, count: 1, root: '/' };

/** Ignores SIGTERM, so its stop lasts the whole grace; prints `armed <pid>` once that is so. */
const STUBBORN = ['node', '-e', "process.on('SIGTERM', () => {}); console.log('armed ' + process.pid); setInterval(() => {}, 1 << 30);"];

// A stop (Ctrl-C, Stop) or a kill (a second Ctrl-C) that comes while something else is midway.
describe('ManagedProcess: a stop or a kill midway through a restart or a build', () => {
  const started: ManagedProcess[] = [];
  let cwd: string;
  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-midway-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
    fs.rmSync(cwd, { recursive: true, force: true });
  });
  function managed(spec: Partial<ProcessSpec>): ProcessProbe {
    const process = new ManagedProcess(makeSpec({ cwd, backoffMs: [60_000], ...spec }), instance);
    started.push(process);
    return new ProcessProbe(process);
  }
  // Each run of the step adds a line to `builds`.
  const countingStep = ['node', '-e', "require('fs').appendFileSync('builds', 'built\\n')"];
  const builds = (): number => fs.readFileSync(path.join(cwd, 'builds'), 'utf8').split('\n').filter(Boolean).length;

  it('regression: a stop while a restart stopped the old tree still ran the build and spawned a new one', async () => {
    const probe = managed({ command: STUBBORN, before: countingStep, stop: { signal: 'SIGTERM', timeoutMs: 1000 } });
    await probe.process.start();
    await probe.waitForLine(/^armed \d+$/);
    assert.equal(builds(), 1);

    void probe.process.restart('asked');
    await probe.waitForStatus('stopping');
    await probe.process.stop();

    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(builds(), 1, 'no build after the stop');
    assert.equal(probe.count('starting'), 1, 'no start after the stop');
  });

  it('regression: a kill (a second Ctrl-C) did not reach a build step that ignores SIGTERM', async () => {
    const probe = managed({ command: ['node', '-e', ''], before: STUBBORN, stop: { signal: 'SIGTERM', timeoutMs: 30_000 } });
    void probe.process.start();
    const step = Number((await probe.waitForLine(/^armed (\d+)$/))[1]);
    const stopping = probe.process.stop();

    await probe.process.kill();

    assert.equal(isAlive(step), false, 'the step is gone');
    await stopping;
    assert.equal(probe.process.state.status, 'stopped');
  });

  it('regression: a kill of a process no stop had reached yet was taken for a crash and scheduled a restart', async () => {
    const probe = managed({ command: STUBBORN });
    await probe.process.start();
    const pid = Number((await probe.waitForLine(/^armed (\d+)$/))[1]);

    await probe.process.kill();

    assert.equal(isAlive(pid), false);
    assert.equal(probe.process.state.status, 'stopped');
    assert.equal(probe.count('backoff'), 0, 'never backing off');
  });

  it('regression: a second stop while a build step was being stopped signalled it again (a second SIGINT is "force quit")', async () => {
    const countingSigints = ['node', '-e', "process.on('SIGINT', () => require('fs').appendFileSync('sigints', 'x')); console.log('armed ' + process.pid); setInterval(() => {}, 1 << 30);"];
    const probe = managed({ command: ['node', '-e', ''], before: countingSigints, stop: { signal: 'SIGINT', timeoutMs: 1000 } });
    void probe.process.start();
    await probe.waitForLine(/^armed \d+$/);

    await Promise.all([probe.process.stop(), probe.process.stop()]);

    assert.equal(fs.readFileSync(path.join(cwd, 'sigints'), 'utf8'), 'x', 'one SIGINT');
    assert.equal(probe.process.state.status, 'stopped');
  });
});
