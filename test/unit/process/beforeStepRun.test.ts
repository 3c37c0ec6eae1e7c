import * as assert from 'node:assert/strict';
import { spawn as nodeSpawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProcessSpec } from '../../../src/core/config/types';
import { isAlive as pidAlive } from '../../../src/core/process/killTree';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import type { SpawnFn } from '../../../src/core/process/spawnChild';
import { ProcessProbe } from '../helpers/processProbe';
import { waitFor } from '../helpers/waitFor';
import { fixture, makeSpec, nodeFixture } from '../helpers/processSpec';

const instance = { name: 'test', index: 1, count: 1, root: '/' };

// The step exits with the code written in `build-exit` in its cwd, after stamping `built <ms>` into `built`.
const STEP = [
  process.execPath,
  '-e',
  "const fs = require('fs'); fs.writeFileSync('built', 'built ' + Date.now()); process.exit(Number(fs.readFileSync('build-exit', 'utf8')));",
];

describe('ManagedProcess before step (real children)', () => {
  const started: ManagedProcess[] = [];
  let cwd: string;
  /** Spawns of the process's own command, not of its step. */
  let commandSpawns: number;

  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-before-'));
    commandSpawns = 0;
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  const buildExits = (code: number): void => fs.writeFileSync(path.join(cwd, 'build-exit'), String(code));

  function managed(spec: Partial<ProcessSpec>): ProcessProbe {
    const spawn: SpawnFn = (file, args, options) => {
      if (args.includes(fixture('stamped.js'))) commandSpawns++;
      return nodeSpawn(file, args, options);
    };
    const process = new ManagedProcess(makeSpec({ cwd, command: nodeFixture('stamped.js'), before: STEP, ...spec }), instance, { spawn });
    started.push(process);
    return new ProcessProbe(process);
  }

  it('runs the step to completion in cwd, then spawns the process', async () => {
    buildExits(0);
    const probe = managed({});
    await probe.process.start();
    await probe.waitForStatus('running');
    const startedAt = Number((await probe.waitForLine(/^started (\d+)$/))[1]);

    const builtAt = Number(fs.readFileSync(path.join(cwd, 'built'), 'utf8').split(' ')[1]);
    assert.ok(startedAt >= builtAt, 'the process started after its step ran');
    assert.equal(commandSpawns, 1);
    assert.equal(probe.process.state.reason, 'user');
  });

  it('a failing step spawns nothing: reason build, and the message names the step and its exit code', async () => {
    buildExits(3);
    const probe = managed({ backoffMs: [60_000] });
    await probe.process.start();
    await probe.waitForStatus('backoff');

    assert.ok(fs.existsSync(path.join(cwd, 'built')), 'the step ran');
    assert.equal(commandSpawns, 0, 'the process was not spawned');
    assert.equal(probe.process.state.reason, 'build');
    assert.equal(probe.process.state.pid, undefined);
    assert.match(probe.process.state.message, /^before: .* exited with code 3 · restarting in 1 min$/);
  });

  it('regression: a before step printed the values of its NAME=value words', async () => {
    const probe = managed({ before: 'BUILD_TOKEN=s3cret-value env BUILD_TOKEN=x sh -c "exit 4"', backoffMs: [60_000] });
    await probe.process.start();
    await probe.waitForStatus('backoff');

    assert.match(probe.process.state.message, /^before: BUILD_TOKEN=… env BUILD_TOKEN=… sh -c "exit 4" exited with code 4/);
    const shown = [probe.process.state.message, ...probe.text()].join('\n');
    assert.ok(!shown.includes('s3cret-value'), shown);
    assert.ok(probe.text().some((line) => line.includes('before: BUILD_TOKEN=…')), 'the step is still named');
  });

  it('a save with a failing step keeps the old process running (reason build); a passing one replaces it', async () => {
    buildExits(0);
    // The old process stamps the moment it is told to stop: only after the good build.
    const probe = managed({ command: nodeFixture('stamped.js', path.join(cwd, 'stops'), 'old') });
    await probe.process.start();
    await probe.waitForStatus('running');
    const oldPid = probe.process.state.pid as number;
    assert.ok(oldPid);
    await probe.waitForLine(/^started /); // its SIGTERM handler is in place

    buildExits(2);
    await probe.process.requestRestart('app.js saved');
    assert.equal(probe.process.state.status, 'running');
    assert.equal(probe.process.state.reason, 'build');
    assert.equal(probe.process.state.pid, oldPid, 'the old build still serves');
    assert.ok(pidAlive(oldPid));
    assert.equal(commandSpawns, 1);
    assert.equal(probe.count('stopping'), 0, 'the old process was never stopped');
    await probe.waitForLine(/exited with code 2 · still running the previous build/);

    buildExits(0);
    await probe.process.requestRestart('app.js saved again');
    await probe.waitForStatus('running');
    const newPid = probe.process.state.pid;
    assert.ok(newPid !== undefined && newPid !== oldPid, 'a new pid');
    assert.equal(probe.process.state.reason, 'change');
    assert.equal(pidAlive(oldPid), false, 'the old pid is gone');
    assert.equal(commandSpawns, 2);
    const builtAt = Number(fs.readFileSync(path.join(cwd, 'built'), 'utf8').split(' ')[1]);
    const stops = fs.readFileSync(path.join(cwd, 'stops'), 'utf8').trim().split('\n');
    assert.equal(stops.length, 2, `the old process was stopped once: ${stops.join(' | ')}`);
    assert.ok(Number(stops[0].split(' ')[2]) >= builtAt, 'the old process served until the step had passed');
  });

  it('regression: a crash after a save whose build failed spawned the old build again, without building', async () => {
    buildExits(0);
    const probe = managed({ backoffMs: [100, 60_000] });
    await probe.process.start();
    await probe.waitForStatus('running');
    buildExits(2);
    await probe.process.requestRestart('app.js saved');
    assert.equal(probe.process.state.reason, 'build', 'the save\'s build failed');
    const failedBuildAt = fs.statSync(path.join(cwd, 'built')).mtimeMs;

    process.kill(probe.process.state.pid as number, 'SIGKILL');
    await waitFor(() => probe.process.state.status === 'backoff' && probe.process.state.reason === 'build', { message: 'the retry\'s build failing' });

    assert.ok(fs.statSync(path.join(cwd, 'built')).mtimeMs > failedBuildAt, 'the retry built again');
    assert.equal(commandSpawns, 1, 'the old build was not spawned again');
  });
});
