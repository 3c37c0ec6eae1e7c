import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildHandle } from '../../../src/core/process/spawnChild';
import type { ExitInfo } from '../../../src/core/process/states';
import { watchChild } from '../../../src/core/process/watchChild';
import { waitFor } from '../helpers/waitFor';

/** A child whose pipes the test writes into and whose exit it decides; the streams are real. */
class PipedChild extends EventEmitter {
  readonly pid = 4242;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
}

describe('watchChild', () => {
  function watch(child: PipedChild) {
    const lines: string[] = [];
    let ending: { exit: ExitInfo | undefined } | undefined;
    const watched = watchChild(child as unknown as ChildHandle, 'x', {
      output: (_stream, bytes) => lines.push(...bytes.toString().slice(0, -1).split('\n')),
      spawned: () => undefined,
      exited: () => undefined,
      ended: (exit) => (ending = { exit }),
    });
    return { watched, lines, ended: () => ending };
  }

  it('gives up on pipes an unseen holder keeps open, once the grace has passed', async () => {
    const child = new PipedChild();
    const { watched, ended } = watch(child);
    child.emit('exit', 1, null);
    watched.endSoon(20);
    await waitFor(() => ended() !== undefined, { message: 'the end' });
    assert.deepEqual(ended()?.exit, { code: 1, signal: null });
  });

  it('regression: never gives up on output a slow sink has held back, however long it waits', async () => {
    const child = new PipedChild();
    const { watched, lines, ended } = watch(child);
    watched.pause();
    child.stdout.write('held 1\nheld 2\n');
    child.emit('exit', 0, null);
    watched.endSoon(20);
    // Ten times the grace: with the clock running while paused, the held lines were thrown away here.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(ended(), undefined, 'still waiting for the held output');

    watched.resume();
    child.stdout.end();
    child.stderr.end();
    child.emit('close', 0, null);
    await waitFor(() => ended() !== undefined, { message: 'the end' });
    assert.deepEqual(lines, ['held 1', 'held 2']);
  });
});
