import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Supervisor } from '../../src/core/supervisor';
import type { ProcsApi } from '../../src/vscode/api';
import {
  describeOnFixture, editAndSave, fixturePath, fixtureSupervisor, isAlive, pidOf, procsApi, statusOf, waitFor, waitForGone, waitForStatus,
} from './fixtures/kit';

interface RawConfig {
  processes: Record<string, Record<string, unknown>>;
}

describeOnFixture('editing .procs.json', () => {
  let api: ProcsApi;
  let supervisor: Supervisor;
  let original: string;
  const configFile = (): string => fixturePath('.procs.json');

  before(async () => {
    api = await procsApi();
    supervisor = await fixtureSupervisor(api);
    original = fs.readFileSync(configFile(), 'utf8');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(supervisor, 'server', 'running');
    await waitForStatus(supervisor, 'worker', 'running');
  });

  afterEach(async () => {
    await editAndSave(configFile(), original);
    await waitFor(() => supervisor.config?.processes.map((spec) => spec.name).join() === 'server,worker,crasher', {
      message: 'the original config to be applied again',
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.stopAll();
  });

  function edited(change: (config: RawConfig) => void): string {
    const config = JSON.parse(original) as RawConfig;
    change(config);
    return JSON.stringify(config, undefined, 2);
  }

  it('restarts exactly the changed process, starts an added one and stops a removed one', async () => {
    const server = pidOf(supervisor, 'server');
    const worker = pidOf(supervisor, 'worker');

    await editAndSave(
      configFile(),
      edited((config) => {
        config.processes.server.env = { CHANGED: '1' };
        config.processes.extra = { command: 'node scripts/worker.js' };
      }),
    );
    await waitFor(() => statusOf(supervisor, 'extra') === 'running' && statusOf(supervisor, 'server') === 'running' && pidOf(supervisor, 'server') !== server, {
      message: 'server restarted and extra started',
    });
    await waitForGone(server);
    assert.strictEqual(pidOf(supervisor, 'worker'), worker, 'the unchanged worker keeps running');
    const extra = pidOf(supervisor, 'extra');

    await editAndSave(configFile(), original);
    await waitFor(() => supervisor.get('extra') === undefined, { message: 'extra to leave the config' });
    await waitForGone(extra);
    assert.strictEqual(pidOf(supervisor, 'worker'), worker, 'the unchanged worker still keeps running');
    assert.ok(isAlive(worker));
  });

  it('a broken config shows a diagnostic on the right line and stops nothing', async () => {
    const pids = [pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')];
    const broken = edited((config) => {
      config.processes.worker.restart = 'sometimes';
    });
    const line = broken.split('\n').findIndex((text) => text.includes('"sometimes"'));
    const document = await editAndSave(configFile(), broken);

    const procsDiagnostics = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'procs');
    await waitFor(() => procsDiagnostics().length > 0, { message: 'a procs diagnostic on .procs.json' });
    const [diagnostic] = procsDiagnostics();
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, line, `diagnostic "${diagnostic.message}" is on line ${diagnostic.range.start.line}, expected ${line}`);
    assert.deepStrictEqual([pidOf(supervisor, 'server'), pidOf(supervisor, 'worker')], pids, 'nothing was restarted');
    assert.ok(pids.every(isAlive), 'nothing was stopped');
    assert.strictEqual(supervisor.config?.processes.find((spec) => spec.name === 'worker')?.restart, 'on-failure', 'the last good config stays applied');
  });
});
