import * as assert from 'node:assert/strict';
import type { ProcInfo } from '../../../src/core/system/procTable';
import { workerOf } from '../../../src/core/system/treeSample';

const MB = 1024 ** 2;

function proc(pid: number, ppid: number, rssMb: number): ProcInfo {
  return { pid, ppid, pgid: 10, state: 'S', startTicks: pid, threads: 1, cpuTicks: 0, rssBytes: rssMb * MB };
}

// npm (10, itself a Node program and the largest) runs a shell (11) that runs a small server (12).
const tree = [proc(10, 1, 60), proc(11, 10, 3), proc(12, 11, 30)];

describe('workerOf: the process doing a tree\'s work', () => {
  it('is the deepest one holding a listening port', () => {
    assert.equal(workerOf(tree, new Map([[11, []]]), new Map([[10, 50]])), 11);
  });

  it('is the busiest where none listens and it did real work since the last reading', () => {
    assert.equal(workerOf(tree, new Map(), new Map([[10, 30], [12, 1]])), 10);
  });

  it('regression: an idle wrapper\'s stray CPU tick named it as the worker', () => {
    // Seen in CI: between two readings the wrapper's timer cost one tick and the idle server none.
    assert.equal(workerOf(tree, new Map(), new Map([[10, 1]])), 12);
  });

  it('is the deepest when all are idle, however large the wrapper', () => {
    assert.equal(workerOf(tree, new Map(), new Map()), 12);
  });
});
