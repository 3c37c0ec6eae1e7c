import * as assert from 'node:assert/strict';
import { linesOf } from '../../../src/core/process/outputTypes';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { makeSpec, nodeFixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

describe('log probe and output order', () => {
  let process: ManagedProcess | undefined;
  afterEach(async () => process?.dispose());

  it('regression: the line that makes a process ready is delivered before its ready state', async () => {
    process = new ManagedProcess(
      makeSpec({
        command: nodeFixture('late-printer.js', 50),
        ready: { target: { kind: 'log', pattern: /ready to accept/ }, intervalMs: 1000, timeoutMs: 2000, deadlineMs: 10_000 },
      }),
      { name: 'db', index: 1, count: 1, root: '/' },
    );
    const events: string[] = [];
    process.onOutput((batch) => events.push(...linesOf(batch.blocks).map((line) => `line ${line.text}`)));
    process.onDidChangeState((change) => events.push(`state ${change.current.status}`));
    await process.start();
    await waitFor(() => process?.state.status === 'running', { message: 'ready' });
    const line = events.findIndex((event) => event.startsWith('line ready to accept'));
    const ready = events.lastIndexOf('state running');
    assert.ok(line !== -1 && line < ready, events.join('\n'));
  });
});
