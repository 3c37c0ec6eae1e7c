import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeOnFixture, firstFolder, useFixture, waitFor, waitForStatus } from './fixtures/kit';

// crasher (fixture workspace) exits at once and gives up after one restart: status `failed`.
describeOnFixture('the failure notice', () => {
  const fixture = useFixture();
  const noticesOf = (name: string) => fixture.api.failureNotices().filter((notice) => notice.name === name);

  before(() => fixture.api.stopAll());
  afterEach(() => fixture.api.stopAll());

  it('regression: a failure notification stays up after its process was started again', async () => {
    await vscode.commands.executeCommand('procs.start', 'crasher');
    await waitForStatus(fixture.supervisor, 'crasher', 'failed');
    await waitFor(() => noticesOf('crasher').length === 1, { message: 'a notice for crasher' });
    const [first] = noticesOf('crasher');
    assert.strictEqual(first.folder, firstFolder().uri.toString());
    const spawned: number[] = [];
    const subscription = fixture.supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'crasher' && current.pid !== undefined) spawned.push(current.pid);
    });
    try {
      // What the notice's Restart link runs.
      await vscode.commands.executeCommand('procs.failureNotice.restart', first.folder, 'crasher');
      await waitFor(() => !fixture.api.failureNotices().includes(first), { message: 'the first notice closed once crasher started again' });
      await waitForStatus(fixture.supervisor, 'crasher', 'failed');
    } finally {
      subscription.dispose();
    }
    assert.ok(spawned.length > 0, 'the link restarted crasher');
    await waitFor(() => noticesOf('crasher').length === 1, { message: 'one notice for the new failure, not two' });
  });

  it('a stop leaves the failure, and its notice, as they are', async () => {
    await vscode.commands.executeCommand('procs.start', 'crasher');
    await waitForStatus(fixture.supervisor, 'crasher', 'failed');
    await waitFor(() => noticesOf('crasher').length === 1, { message: 'a notice for crasher' });
    await vscode.commands.executeCommand('procs.stopAll');
    assert.strictEqual(fixture.supervisor.get('crasher')?.state.status, 'failed');
    assert.strictEqual(noticesOf('crasher').length, 1);
  });
});
