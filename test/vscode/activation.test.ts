import * as assert from 'assert';
import * as vscode from 'vscode';

// publisher.name from package.json
const EXTENSION_ID = 'procs.procs';

describe('activation', () => {
  it('the Procs extension is installed in the host', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });

  it('activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });
});
