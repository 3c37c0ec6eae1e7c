import * as assert from 'node:assert/strict';
import { diffSpecs } from '../../../src/core/configDiff';
import { makeSpec } from '../helpers/processSpec';

describe('diffSpecs', () => {
  const withLogProbe = (pattern: RegExp) =>
    makeSpec({ name: 'db', ready: { target: { kind: 'log', pattern }, intervalMs: 1000, timeoutMs: 2000, deadlineMs: 60_000 } });

  it('regression: a changed log probe pattern counts as a change (a RegExp is not `{}`)', () => {
    const diff = diffSpecs([withLogProbe(/ready/)], [withLogProbe(/listening on/)]);
    assert.deepEqual(diff.changed.map((spec) => spec.name), ['db']);
  });

  it('the same pattern is no change', () => {
    assert.deepEqual(diffSpecs([withLogProbe(/ready/)], [withLogProbe(/ready/)]).unchanged, ['db']);
  });
});
