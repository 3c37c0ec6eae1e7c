import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as os from 'node:os';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { FakeClock } from '../helpers/fakeClock';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';
import type { ProcessSpec } from '../../../src/core/config/types';

const instance = { name: 'test', index: 1, count: 1, root: os.tmpdir() };
// Prints its pid and the NODE_OPTIONS it got, then idles.
const SAYS_OPTIONS = [process.execPath, '-e', 'console.log(`pid ${process.pid} options ${process.env.NODE_OPTIONS}`); setInterval(() => {}, 1000)'];

/** The inspector's own list of targets: what a debugger would attach to. */
function inspectorTargets(port: number): Promise<Array<{ webSocketDebuggerUrl: string }>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/json/list' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body) as Array<{ webSocketDebuggerUrl: string }>));
    }).on('error', reject);
  });
}

describe('ManagedProcess debugging (real children)', () => {
  const started: ManagedProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
  });

  function managed(spec: Partial<ProcessSpec>, clock?: FakeClock): ProcessProbe {
    const process = new ManagedProcess(makeSpec({ command: SAYS_OPTIONS, ...spec }), instance, clock ? { clock } : {});
    started.push(process);
    return new ProcessProbe(process);
  }
  const inspectorsOf = (probe: ProcessProbe) => probe.process.state.debug?.inspectors ?? [];

  it('turning it on restarts a running process with the inspector after the NODE_OPTIONS it has, and finds where it listens', async () => {
    const probe = managed({ env: { NODE_OPTIONS: '--no-warnings' } });
    await probe.process.start();
    const [, firstPid, plain] = await probe.waitForLine(/^pid (\d+) options (.*)$/);
    assert.equal(plain, '--no-warnings');
    assert.equal(probe.process.state.debug, undefined);

    await probe.process.setDebugging(true);
    const [, pid, options] = await probe.waitForLine(/^pid (\d+) options (.*)$/, 2);
    assert.notEqual(pid, firstPid, 'a new process');
    assert.equal(options, '--no-warnings --inspect=127.0.0.1:0');
    await waitFor(() => inspectorsOf(probe).length === 1, { message: 'the inspector is announced' });
    const [inspector] = inspectorsOf(probe);
    assert.equal(inspector.host, '127.0.0.1');
    assert.equal(probe.process.state.pid, Number(pid));
    // The inspector really is the child's, and answers where the line said.
    const targets = await inspectorTargets(inspector.port);
    assert.deepEqual(targets.map((target) => target.webSocketDebuggerUrl), [inspector.url]);
  });

  it('every restart of a debugged process announces its new inspector', async () => {
    const probe = managed({ debug: true });
    await probe.process.start();
    await waitFor(() => inspectorsOf(probe).length === 1, { message: 'the first inspector' });
    const first = inspectorsOf(probe)[0].url;
    await probe.process.restart('a save');
    await waitFor(() => inspectorsOf(probe).length === 1 && inspectorsOf(probe)[0].url !== first, { message: 'a new inspector' });
    assert.ok(probe.states.some((state) => state.status === 'starting' && state.debug?.inspectors.length === 0), 'the old one went with its run');
  });

  it('turning it off restarts without the inspector', async () => {
    const probe = managed({ debug: true });
    await probe.process.start();
    await waitFor(() => inspectorsOf(probe).length === 1, { message: 'the inspector' });
    await probe.waitForLine(/^pid (\d+) options (.*)$/);
    await probe.process.setDebugging(false);
    const [, , options] = await probe.waitForLine(/^pid (\d+) options (.*)$/, 2);
    assert.equal(options, 'undefined');
    assert.equal(probe.process.state.debug, undefined);
    await probe.waitForStatus('running');
  });

  it('a command that is not Node: after 10 s without the line the state says so; it keeps running', async () => {
    const clock = new FakeClock();
    const probe = managed({ command: ['sleep', '60'] }, clock);
    await probe.process.setDebugging(true);
    await probe.waitForStatus('running');
    clock.advance(9_999);
    assert.equal(probe.process.state.debug?.unavailable, undefined);
    clock.advance(1);
    assert.match(probe.process.state.debug?.unavailable ?? '', /^printed no "Debugger listening on ws:\/\/…" line within 10 s/);
    assert.equal(probe.process.state.status, 'running');
  });

  it('regression: a debugged command that is not Node and ends within the wait says so when it ends', async () => {
    const probe = managed({ command: ['sh', '-c', 'echo not node; exit 3'], restart: 'never' });
    await probe.process.setDebugging(true);
    await waitFor(() => probe.states.some((state) => state.debug?.unavailable !== undefined), { message: 'the run said it is not Node' });
    const said = probe.states.find((state) => state.debug?.unavailable !== undefined);
    assert.match(said?.debug?.unavailable ?? '', /^ended without printing a "Debugger listening on ws:\/\/…" line/);
    assert.equal(said?.status, 'exited', 'said with the state that records the end');
  });

  it('regression: turning debugging off once a not-Node one-shot said so ran it again', async () => {
    const probe = managed({ command: ['sh', '-c', 'echo one shot'], restart: 'never' });
    // What the VS Code layer does on that news, at once (DebugSessions).
    let turnedOff: Promise<void> | undefined;
    probe.process.onDidChangeState(({ previous, current }) => {
      if (current.debug?.unavailable !== undefined && previous.debug?.unavailable === undefined) turnedOff = probe.process.setDebugging(false);
    });
    await probe.process.setDebugging(true);
    await waitFor(() => turnedOff !== undefined, { message: 'the run said it is not Node' });
    await turnedOff;
    await probe.waitForStatus('exited');
    assert.equal(probe.process.state.debug, undefined);
    assert.equal(probe.process.state.status, 'exited');
    assert.equal(probe.text().filter((line) => line === 'one shot').length, 1, 'it ran once');
    assert.equal(probe.count('running'), 1);
  });

  it('regression: a debugged command that cannot be spawned was called "not Node"; it fails as a spawn error', async () => {
    const probe = managed({ command: ['procs-no-such-command-here'], restart: 'never' });
    await probe.process.setDebugging(true);
    await waitFor(() => probe.process.state.reason === 'spawn', { message: 'the spawn error' });
    assert.ok(probe.states.every((state) => state.debug?.unavailable === undefined), 'no word of Node');
  });

  it('regression: turning debugging off while backing off restarted at once; the backoff is kept', async () => {
    const clock = new FakeClock();
    const probe = managed({ command: ['sh', '-c', 'exit 3'], restart: 'on-failure', backoffMs: [60_000] }, clock);
    await probe.process.setDebugging(true);
    await probe.waitForStatus('backoff');
    await probe.process.setDebugging(false);
    assert.equal(probe.process.state.status, 'backoff', 'no early restart');
    assert.equal(probe.process.state.debug, undefined);
    assert.equal(probe.count('running'), 1);
  });

  it('a Node program that crashes after its inspector was announced is not called "not Node"', async () => {
    const probe = managed({ command: [process.execPath, '-e', 'setTimeout(() => process.exit(3), 200)'], restart: 'never', debug: true });
    await probe.process.start();
    await probe.waitForStatus('exited');
    assert.ok(probe.states.some((state) => (state.debug?.inspectors.length ?? 0) > 0), 'the inspector was announced');
    assert.ok(probe.states.every((state) => state.debug?.unavailable === undefined));
  });
});
