import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeIn, useFixture, waitFor, waitForStatus } from './fixtures/kit';

// The `workbench` launch's folder: broken's command does not exist, so it backs off; slow starts fine.
describeIn('workbench')('the Procs view badge', () => {
  const fixture = useFixture();
  const badge = (): number | undefined => fixture.api.viewBadge()?.value;

  before(() => fixture.api.stopAll());
  after(() => fixture.api.stopAll());

  it('counts the processes that back off or failed, and is cleared when none do', async () => {
    assert.strictEqual(fixture.api.viewBadge(), undefined, 'no badge while nothing is wrong');
    await vscode.commands.executeCommand('procs.start', 'slow');
    await vscode.commands.executeCommand('procs.start', 'broken');
    await waitForStatus(fixture.supervisor, 'broken', 'backoff');
    await waitFor(() => badge() === 1, { message: `a badge of 1 (is ${badge()})` });
    assert.match(fixture.api.viewBadge()?.tooltip ?? '', /^1 process has failed or back off$/);
    assert.notStrictEqual(fixture.supervisor.get('slow')?.state.status, 'backoff', 'slow is not counted');

    await vscode.commands.executeCommand('procs.stop', 'broken');
    await waitForStatus(fixture.supervisor, 'broken', 'stopped');
    await waitFor(() => fixture.api.viewBadge() === undefined, { message: `no badge (is ${badge()})` });
  });
});
