import * as assert from 'node:assert/strict';
import type { ResourceLimits } from '../../../src/core/config/types';
import type { ResourceSample } from '../../../src/core/system/treeSample';
import { isNearLimit, resourceLines } from '../../../src/vscode/resourceLook';

const MB = 1024 ** 2;
const sample = (rssMb: number, cpuPercent?: number): ResourceSample => ({
  name: 'api', pid: 1, at: 0, cpuPercent, rssBytes: rssMb * MB, ports: [], processCount: 1, worker: undefined, runsNode: true,
});
const limits = (memoryMb?: number, cpuPercent?: number): ResourceLimits => ({ memoryBytes: memoryMb === undefined ? undefined : memoryMb * MB, cpuPercent, forMs: 30_000 });

describe('a row close to its limit (the warning colour)', () => {
  it('is over 90 % of its memory limit, not at or under it', () => {
    assert.equal(isNearLimit(limits(100), sample(91)), true);
    assert.equal(isNearLimit(limits(100), sample(90)), false);
    assert.equal(isNearLimit(limits(100), sample(50)), false);
  });

  it('is over 90 % of its CPU limit, and a first reading without CPU is not', () => {
    assert.equal(isNearLimit(limits(undefined, 50), sample(10, 46)), true);
    assert.equal(isNearLimit(limits(undefined, 50), sample(10, 44)), false);
    assert.equal(isNearLimit(limits(undefined, 50), sample(10)), false);
  });

  it('takes the nearer of two limits, and a process without limits never is', () => {
    assert.equal(isNearLimit(limits(1000, 50), sample(10, 48)), true);
    assert.equal(isNearLimit(limits(100, 500), sample(95, 1)), true);
    assert.equal(isNearLimit(undefined, sample(10_000, 400)), false);
  });

  it('the tooltip says so beside the limits', () => {
    assert.ok(resourceLines(sample(95), limits(100)).includes('close to its limit: it restarts past it'));
    assert.ok(!resourceLines(sample(50), limits(100)).includes('close to its limit: it restarts past it'));
  });
});
