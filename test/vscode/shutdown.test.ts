import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Supervisor } from '../../src/core/supervisor';
import type { ProcsApi } from '../../src/vscode/api';
import { describeOnFixture, fixtureSupervisor, isAlive, pidOf, procsApi, recordPids, waitForGone, waitForStatus } from './fixtures/kit';

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

  it('leaves processes running at the end of the run for the harness to see them stopped by deactivate', async () => {
    // Whatever runs when the host shuts down must be stopped by deactivate(); the harness checks these pids.
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(supervisor, 'server', 'running');
    await waitForStatus(supervisor, 'worker', 'running');
    recordPids([pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')]);
  });
});
