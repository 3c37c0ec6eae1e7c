import * as assert from 'node:assert/strict';
import { proposeConfig } from '../../../src/vscode/proposeConfig';

describe('proposeConfig', () => {
  it('regression: a Procfile name the config reserves (all, procs) is renamed, so the proposal loads', () => {
    const proposal = proposeConfig(undefined, 'all: node all.js\nprocs: node p.js\nweb: node web.js\n');
    assert.deepEqual(Object.keys(proposal.processes), ['all-process', 'procs-process', 'web']);
  });

  it('regression: a Procfile name like constructor is proposed, not mistaken for one already there', () => {
    assert.deepEqual(proposeConfig(undefined, 'constructor: node c.js\n').processes, { constructor: { command: 'node c.js' } });
  });
});
