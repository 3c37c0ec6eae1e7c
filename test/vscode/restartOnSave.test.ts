import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  describeOnFixture, editAndSave, fixturePath, pidOf, useFixture, waitFor, waitForGone, waitForStatus,
} from './fixtures/kit';

describeOnFixture('restart on save', () => {
  const fixture = useFixture();
  let reasons: string[];
  let subscription: vscode.Disposable;

  before(async () => {
    await fixture.api.stopAll();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('procs.start', 'worker');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    // The engine words a requested restart's starting state as `restarting: <reason>`.
    reasons = [];
    subscription = fixture.supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'worker' && current.status === 'starting') reasons.push(current.message);
    });
  });

  afterEach(async () => {
    subscription.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fixture.api.stopAll();
  });

  async function waitForRestartFrom(oldPid: number): Promise<void> {
    await waitFor(() => fixture.supervisor.get('worker')?.state.status === 'running' && fixture.supervisor.get('worker')?.state.pid !== oldPid, {
      timeoutMs: 10_000,
      message: `worker to run again with a new pid (reasons so far: ${reasons.join(' | ')})`,
    });
    await waitForGone(oldPid);
  }

  it('saving a watched file restarts the watcher: new pid, old pid gone, the reason names the file', async () => {
    const before = pidOf(fixture.supervisor, 'worker');
    await editAndSave(fixturePath('src', 'app.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(before);
    assert.deepStrictEqual(reasons, ['restarting: src/app.js saved']);
    assert.strictEqual(fixture.supervisor.get('server')?.state.status, 'stopped', 'a process that does not watch the file is untouched');
  });

  it('saving an ignored file restarts nothing; the watcher event of a save is not a second restart', async () => {
    const before = pidOf(fixture.supervisor, 'worker');
    await editAndSave(fixturePath('src', 'ignored', 'skip.js'), `module.exports = ${Date.now()};\n`);
    await editAndSave(fixturePath('src', 'app.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(before);

    // Changed outside the editor: only the file watcher sees it.
    const second = pidOf(fixture.supervisor, 'worker');
    fs.writeFileSync(fixturePath('src', 'other.js'), `module.exports = ${Date.now()};\n`);
    await waitForRestartFrom(second);
    assert.deepStrictEqual(reasons, ['restarting: src/app.js saved', 'restarting: src/other.js changed on disk']);
  });
});
