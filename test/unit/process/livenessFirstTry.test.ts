import * as assert from 'node:assert/strict';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { freePort } from '../helpers/ports';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

describe('liveness first try', () => {
  let process: ManagedProcess | undefined;
  afterEach(async () => process?.dispose());

  it('regression: health without ready gets a whole interval after the spawn before its first try', async () => {
    const port = await freePort();
    const intervalMs = 1000;
    // Spawn about 50 ms before a whole multiple of the interval on the wall clock, where a try aligned to the clock would come.
    await waitFor(() => Date.now() % intervalMs >= intervalMs - 70 && Date.now() % intervalMs < intervalMs - 40, { message: 'the right moment' });
    process = new ManagedProcess(
      makeSpec({
        command: nodeFixture('late-listener.js', port, 200),
        health: { target: { kind: 'tcp', host: '127.0.0.1', port }, intervalMs, timeoutMs: 500, failures: 1 },
        backoffMs: [60_000],
      }),
      { name: 'test', index: 1, count: 1, root: '/' },
    );
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('running');
    await waitFor(() => process?.state.probe !== undefined || process?.state.status !== 'running', { timeoutMs: 3000, message: 'a first liveness try' });

    assert.equal(probe.count('stopping'), 0, `restarted: ${process.state.message}`);
    assert.equal(process.state.probe?.ok, true);
  });
});
