import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  describeOnFixture, fixtureSupervisor, isAlive, pidOf, procsApi, recordPids, TEST_MODE, useFixture, waitForGone, waitForStatus,
} from './fixtures/kit';

describeOnFixture('shutdown', () => {
  const fixture = useFixture();

  it('the deactivate path (stopAll) kills every process tree', async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    const pids = [pidOf(fixture.supervisor, 'server'), pidOf(fixture.supervisor, 'worker')];
    recordPids(pids);
    assert.ok(pids.every(isAlive));

    await fixture.api.stopAll();
    // What ran is stopped; a process that had given up before (an earlier suite's crasher) stays `failed`.
    for (const name of ['server', 'worker']) assert.strictEqual(fixture.supervisor.get(name)?.state.status, 'stopped', name);
    assert.ok(fixture.supervisor.processes.every((process) => process.state.pid === undefined), 'no process has a pid');
    for (const pid of pids) await waitForGone(pid);
  });
});

/**
 * Root-level, so it runs after every suite: leaves the autostart processes running when the host
 * shuts down. Only deactivate() can stop them (they live in their own process groups); the harness
 * checks that none of the pids recorded in $PROCS_TEST_RESULTS_DIR/pids.txt outlives the host.
 */
after(async function leaveProcessesForDeactivate() {
  if (TEST_MODE !== '') return;
  const supervisor = await fixtureSupervisor(await procsApi());
  await vscode.commands.executeCommand('procs.startAll');
  await waitForStatus(supervisor, 'server', 'running');
  await waitForStatus(supervisor, 'worker', 'running');
  recordPids([pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')]);
});
