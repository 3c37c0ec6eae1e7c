import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Supervisor } from '../../src/core/supervisor';
import type { ProcsApi } from '../../src/vscode/api';
import { describeOnFixture, editAndSave, fixturePath, fixtureSupervisor, pidOf, procsApi, waitFor, waitForGone, waitForStatus } from './fixtures/kit';

describeOnFixture('restart on save', () => {
  let api: ProcsApi;
  let supervisor: Supervisor;
  let reasons: string[];
  let subscription: vscode.Disposable;

  before(async () => {
    api = await procsApi();
    supervisor = await fixtureSupervisor(api);
    await api.stopAll();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('procs.start', 'worker');
    await waitForStatus(supervisor, 'worker', 'running');
    // The engine words a requested restart's starting state as `restarting: <reason>`.
    reasons = [];
    subscription = supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'worker' && current.status === 'starting') reasons.push(current.message);
    });
  });

  afterEach(async () => {
    subscription.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.stopAll();
  });

  async function waitForRestartFrom(oldPid: number): Promise<void> {
    await waitFor(() => supervisor.get('worker')?.state.status === 'running' && supervisor.get('worker')?.state.pid !== oldPid, {
      timeoutMs: 10_000,
      message: `worker to run again with a new pid (reasons so far: ${reasons.join(' | ')})`,
    });
    await waitForGone(oldPid);
  }

  it('saving a watched file restarts the watcher: new pid, old pid gone, the reason names the file', async () => {
    const before = pidOf(supervisor, 'worker');
    await editAndSave(fixturePath('src', 'app.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(before);
    assert.deepStrictEqual(reasons, ['restarting: src/app.js saved']);
    assert.strictEqual(supervisor.get('server')?.state.status, 'stopped', 'a process that does not watch the file is untouched');
  });

  it('saving an ignored file restarts nothing; the watcher event of a save is not a second restart', async () => {
    const before = pidOf(supervisor, 'worker');
    await editAndSave(fixturePath('src', 'ignored', 'skip.js'), `module.exports = ${Date.now()};\n`);
    await editAndSave(fixturePath('src', 'app.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(before);

    // Changed outside the editor: only the file watcher sees it.
    const second = pidOf(supervisor, 'worker');
    fs.writeFileSync(fixturePath('src', 'other.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(second);
    assert.deepStrictEqual(reasons, ['restarting: src/app.js saved', 'restarting: src/other.js changed on disk']);
  });
});
