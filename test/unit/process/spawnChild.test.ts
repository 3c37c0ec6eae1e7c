import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { childEnv } from '../../../src/core/process/spawnChild';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';

describe('spawnChild', () => {
  it('adds the spec env and PROCS_* to the inherited env and puts the project bin first on PATH', () => {
    const env = childEnv(makeSpec({ name: 'api', env: { PORT: '3000' } }), { index: 2, root: '/proj' });
    assert.equal(env.PORT, '3000');
    assert.equal(env.PROCS_NAME, 'api');
    assert.equal(env.PROCS_INSTANCE, '2');
    assert.equal(env.HOME, process.env.HOME);
    assert.ok(env.PATH?.startsWith(`${path.join('/proj', 'node_modules', '.bin')}${path.delimiter}`));
  });

  it('runs a string command through the shell in the spec cwd with that env', async () => {
    const spec = makeSpec({ command: 'echo "$PROCS_NAME $PROCS_INSTANCE $(pwd)"', cwd: '/tmp', restart: 'never' });
    const process = new ManagedProcess(spec, { name: 'test#2', index: 2, count: 2, root: '/' });
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('exited');
    assert.deepEqual(probe.text(), ['test 2 /tmp']);
    assert.equal(process.state.message, 'exited with code 0');
    await process.dispose();
  });

  describe('colour and stdin, as the child sees them', () => {
    const started: ManagedProcess[] = [];
    let inherited: string | undefined;
    // Procs copies its own env into the child's: without FORCE_COLOR in it, any the child sees is ours.
    before(() => {
      inherited = process.env.FORCE_COLOR;
      delete process.env.FORCE_COLOR;
    });
    after(() => {
      if (inherited !== undefined) process.env.FORCE_COLOR = inherited;
    });
    afterEach(async () => {
      await Promise.all(started.splice(0).map((managed) => managed.dispose()));
    });

    /** Starts test/fixtures/stdin-probe.js with the spec's options; resolves once it told its FORCE_COLOR and stdin. */
    async function startProbe(options: { color: boolean; stdin: boolean; env?: Record<string, string> }): Promise<{ managed: ManagedProcess; probe: ProcessProbe; forceColor: string; stdin: string }> {
      const spec = makeSpec({
        name: 'probe',
        command: nodeFixture('stdin-probe.js'),
        stdin: options.stdin,
        env: options.env ?? {},
        output: { ...makeSpec().output, color: options.color },
      });
      const managed = new ManagedProcess(spec, { name: 'probe', index: 1, count: 1, root: '/' });
      started.push(managed);
      const probe = new ProcessProbe(managed);
      await managed.start();
      const [, forceColor] = await probe.waitForLine(/^FORCE_COLOR (.*)$/);
      const [, stdin] = await probe.waitForLine(/^stdin (pipe|device|file|none)$/);
      return { managed, probe, forceColor, stdin };
    }

    it('"output": { "color": true } sets FORCE_COLOR=1 in the child', async () => {
      const { forceColor } = await startProbe({ color: true, stdin: false });
      assert.equal(forceColor, '1');
    });

    it('without "color", Procs sets no FORCE_COLOR', async () => {
      const { forceColor } = await startProbe({ color: false, stdin: false });
      assert.equal(forceColor, 'unset');
    });

    it('the spec\'s own FORCE_COLOR wins over "color": true', async () => {
      const { forceColor } = await startProbe({ color: true, stdin: false, env: { FORCE_COLOR: '0' } });
      assert.equal(forceColor, '0');
    });

    it('without "stdin": true the child\'s stdin is no pipe: it reads end of file at once, and nothing can be written to it', async () => {
      const { managed, probe, stdin } = await startProbe({ color: false, stdin: false });
      assert.equal(stdin, 'device');
      await probe.waitForLine(/^stdin ended$/);
      assert.equal(managed.writeInput('hello\n'), false);
      assert.equal(managed.state.status, 'running');
    });

    it('with "stdin": true a line written through writeInput reaches the child, and endInput ends its stdin', async () => {
      const { managed, probe, stdin } = await startProbe({ color: false, stdin: true });
      assert.equal(stdin, 'pipe');
      assert.equal(managed.writeInput('hello from the engine\n'), true);
      await probe.waitForLine(/^read: hello from the engine$/);
      assert.ok(!probe.text().includes('stdin ended'), 'the pipe stays open after a write');
      managed.endInput();
      await probe.waitForLine(/^stdin ended$/);
    });
  });
});
