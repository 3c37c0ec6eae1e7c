import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ProcsApi } from '../../src/vscode/api';
import { describeIn, firstFolder, procsApi } from './fixtures/kit';

/**
 * Runs only in the untrusted launch (PROCS_TEST_MODE=untrusted, workspace trust enabled and the fixture
 * workspace not trusted). Fails when the workspace turns out to be trusted.
 */
describeIn('untrusted')('untrusted workspace', () => {
  let api: ProcsApi;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'PROCS_TEST_MODE=untrusted needs a host that does not trust the workspace');
    api = await procsApi();
  });

  it('reads the config but starts nothing, whatever the command', async () => {
    const supervisor = api.supervisorFor(firstFolder().uri);
    assert.ok(supervisor, 'the config is still read, so the processes are known');
    assert.ok(supervisor.processes.length > 0);
    await vscode.commands.executeCommand('procs.start', 'server');
    await vscode.commands.executeCommand('procs.restart', 'worker');
    await vscode.commands.executeCommand('procs.startAll');
    await vscode.commands.executeCommand('procs.restartAll');
    for (const process of supervisor.processes) {
      assert.strictEqual(process.state.status, 'stopped', `${process.name} must not run in an untrusted workspace`);
      assert.strictEqual(process.state.pid, undefined);
    }
  });

  it('leaves the tree empty so the view explains how to trust the workspace', async () => {
    assert.deepStrictEqual((await api.tree.getChildren()) ?? [], []);
  });
});
