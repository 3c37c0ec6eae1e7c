import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';
import { IDLE_COMMAND } from '../helpers/tempProject';

describe('Emitter', () => {
  const quietly = async <T>(run: () => Promise<T> | T): Promise<T> => {
    const original = console.error;
    console.error = () => undefined;
    try {
      return await run();
    } finally {
      console.error = original;
    }
  };

  it('calls every listener although one throws', async () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('listener bug');
    });
    emitter.event((n) => seen.push(n));
    await quietly(() => emitter.fire(1));
    assert.deepEqual(seen, [1]);
  });

  it('regression: a listener that throws on a state change does not leave a stop waiting for ever', async () => {
    const process = new ManagedProcess(makeSpec({ command: IDLE_COMMAND }), { name: 'idle', index: 1, count: 1, root: '/' });
    const probe = new ProcessProbe(process);
    process.onDidChangeState(() => {
      throw new Error('a face with a bug');
    });
    await quietly(async () => {
      await process.start();
      await probe.waitForStatus('running');
      await process.stop();
    });
    assert.equal(process.state.status, 'stopped');
    await process.dispose();
  });
});
