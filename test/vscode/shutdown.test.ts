import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Supervisor } from '../../src/core/supervisor';
import type { ProcsApi } from '../../src/vscode/api';
import { TEST_MODE, describeOnFixture, fixtureSupervisor, isAlive, pidOf, procsApi, recordPids, waitForGone, waitForStatus } from './fixtures/kit';

describeOnFixture('shutdown', () => {
  let api: ProcsApi;
  let supervisor: Supervisor;

  before(async () => {
    api = await procsApi();
    supervisor = await fixtureSupervisor(api);
  });

  it('the deactivate path (stopAll) kills every process tree', async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(supervisor, 'server', 'running');
    await waitForStatus(supervisor, 'worker', 'running');
    const pids = [pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')];
    recordPids(pids);
    assert.ok(pids.every(isAlive));

    await api.stopAll();
    assert.ok(supervisor.processes.every((process) => process.state.status === 'stopped'));
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
  const api = await procsApi();
  const supervisor = await fixtureSupervisor(api);
  await vscode.commands.executeCommand('procs.startAll');
  await waitForStatus(supervisor, 'server', 'running');
  await waitForStatus(supervisor, 'worker', 'running');
  recordPids([pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')]);
});
