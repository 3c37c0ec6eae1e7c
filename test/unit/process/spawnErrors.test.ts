import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { FakeClock } from '../helpers/fakeClock';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';
import type { ProcessSpec } from '../../../src/core/config/types';

const instance = { name: 'test', index: 1, count: 1, root: os.tmpdir() };

describe('ManagedProcess spawn errors', () => {
  const started: ManagedProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
  });

  /** Starts with a fake clock (so no retry happens) and waits for the backoff state. */
  async function backoffMessage(spec: ProcessSpec): Promise<string> {
    const clock = new FakeClock();
    const process = new ManagedProcess(spec, instance, { clock });
    started.push(process);
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('backoff');
    assert.equal(clock.pending, 1, 'a retry is scheduled, not run at once');
    return process.state.message;
  }

  it('a missing working directory is a plain message and backs off', async () => {
    const cwd = path.join(os.tmpdir(), 'procs-no-such-dir', 'x');
    assert.equal(await backoffMessage(makeSpec({ cwd })), `working directory not found: ${cwd} · restarting in 0.1 s`);
  });

  it('a missing command without a shell is a plain message and backs off', async () => {
    assert.equal(
      await backoffMessage(makeSpec({ command: ['procs-no-such-command', '--flag'] })),
      'command not found: procs-no-such-command · restarting in 0.1 s',
    );
  });

  it('a missing command through the shell (exit 127) reads as command not found', async () => {
    const message = await backoffMessage(makeSpec({ command: 'procs-no-such-command --flag' }));
    assert.match(message, /^command not found .* · restarting in 0.1 s$/);
  });

  it('a file without execute permission is a plain message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-eacces-'));
    fs.writeFileSync(path.join(dir, 'x'), '#!/bin/sh\n', { mode: 0o644 });
    try {
      const message = await backoffMessage(makeSpec({ command: ['./x'], cwd: dir }));
      assert.equal(message, 'permission denied: ./x · restarting in 0.1 s');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regression: an env value with a NUL byte names the variable, never its value', async () => {
    const message = await backoffMessage(makeSpec({ env: { TOKEN: 's3cret\u0000' } }));
    assert.equal(message, 'env TOKEN contains a NUL byte · restarting in 0.1 s');
    assert.doesNotMatch(message, /s3cret/);
  });

  it('regression: an empty command is said plainly, not in Node\'s words', async () => {
    assert.equal(await backoffMessage(makeSpec({ command: [''] })), 'empty command · restarting in 0.1 s');
  });
});

