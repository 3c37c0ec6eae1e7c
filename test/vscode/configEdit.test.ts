import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  describeOnFixture, editAndSave, fixturePath, isAlive, pidOf, statusOf, useFixture, waitFor, waitForGone, waitForStatus,
} from './fixtures/kit';

interface RawConfig {
  processes: Record<string, Record<string, unknown>>;
}

describeOnFixture('editing .procs.json', () => {
  const fixture = useFixture();
  let original: string;
  const configFile = (): string => fixturePath('.procs.json');

  before(async () => {
    original = fs.readFileSync(configFile(), 'utf8');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
  });

  afterEach(async () => {
    await editAndSave(configFile(), original);
    await waitFor(() => fixture.supervisor.config?.processes.map((spec) => spec.name).join() === 'server,worker,crasher', {
      message: 'the original config to be applied again',
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fixture.api.stopAll();
  });

  function edited(change: (config: RawConfig) => void): string {
    const config = JSON.parse(original) as RawConfig;
    change(config);
    return JSON.stringify(config, undefined, 2);
  }

  it('restarts exactly the changed process, starts an added one and stops a removed one', async () => {
    const server = pidOf(fixture.supervisor, 'server');
    const worker = pidOf(fixture.supervisor, 'worker');

    await editAndSave(
      configFile(),
      edited((config) => {
        config.processes.server.env = { CHANGED: '1' };
        config.processes.extra = { command: 'node scripts/worker.js' };
      }),
    );
    await waitFor(() => statusOf(fixture.supervisor, 'extra') === 'running' && statusOf(fixture.supervisor, 'server') === 'running' && pidOf(fixture.supervisor, 'server') !== server, {
      message: 'server restarted and extra started',
    });
    await waitForGone(server);
    assert.strictEqual(pidOf(fixture.supervisor, 'worker'), worker, 'the unchanged worker keeps running');
    const extra = pidOf(fixture.supervisor, 'extra');

    await editAndSave(configFile(), original);
    await waitFor(() => fixture.supervisor.get('extra') === undefined, { message: 'extra to leave the config' });
    await waitForGone(extra);
    assert.strictEqual(pidOf(fixture.supervisor, 'worker'), worker, 'the unchanged worker still keeps running');
    assert.ok(isAlive(worker));
  });

  it('ready() right after a save of .procs.json (as Start All and Restart All wait) waits for the saved config, whose read waits for the file to settle', async () => {
    await editAndSave(configFile(), edited((config) => {
      config.processes.extra = { command: 'node scripts/worker.js' };
    }));
    await fixture.api.ready();
    assert.ok(fixture.supervisor.get('extra'), 'the saved config was read and applied');
    await waitForStatus(fixture.supervisor, 'extra', 'running');
  });

  it('regression: every save of .procs.json rebuilt the Procs view, and a click on a row button in that moment ran without its row', async () => {
    let rebuilds = 0;
    const subscription = fixture.api.tree.onDidChangeTreeData?.((node) => {
      if (node === undefined) rebuilds++;
    });
    try {
      const applied = fixture.supervisor.config;
      const worker = pidOf(fixture.supervisor, 'worker');
      // The same processes, written another way: loaded and applied again, nothing to rebuild.
      await editAndSave(configFile(), JSON.stringify(JSON.parse(original), undefined, 4));
      await waitFor(() => fixture.supervisor.config !== applied, { message: 'the saved config to be applied' });
      await fixture.api.ready();
      assert.strictEqual(pidOf(fixture.supervisor, 'worker'), worker, 'nothing changed, nothing restarted');
      assert.strictEqual(rebuilds, 0, 'the tree was rebuilt for a config with the same processes');

      await editAndSave(configFile(), edited((config) => {
        config.processes.extra = { command: 'node scripts/worker.js' };
      }));
      await waitFor(() => rebuilds > 0, { message: 'an added process to rebuild the tree' });
    } finally {
      subscription?.dispose();
    }
  });

  it('a broken config shows a diagnostic on the right line and stops nothing', async () => {
    const pids = [pidOf(fixture.supervisor, 'server'), pidOf(fixture.supervisor, 'worker')];
    const broken = edited((config) => {
      config.processes.worker.restart = 'sometimes';
    });
    const line = broken.split('\n').findIndex((text) => text.includes('"sometimes"'));
    // The view must say so too: a rebuild of the whole tree (event without a row) that shows an errors row,
    // though no process changed. Row refreshes from the uptime ticker do not count.
    const saysErrors = async (): Promise<boolean> =>
      ((await fixture.api.tree.getChildren()) ?? []).some((node) => String(node.label).includes('has errors'));
    let told = false;
    const subscription = fixture.api.tree.onDidChangeTreeData?.((row) => {
      if (row === undefined) void saysErrors().then((yes) => (told ||= yes));
    });
    const document = await editAndSave(configFile(), broken);

    const procsDiagnostics = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'procs');
    await waitFor(() => procsDiagnostics().length > 0, { message: 'a procs diagnostic on .procs.json' });
    const [diagnostic] = procsDiagnostics();
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, line, `diagnostic "${diagnostic.message}" is on line ${diagnostic.range.start.line}, expected ${line}`);
    assert.deepStrictEqual([pidOf(fixture.supervisor, 'server'), pidOf(fixture.supervisor, 'worker')], pids, 'nothing was restarted');
    assert.ok(pids.every(isAlive), 'nothing was stopped');
    assert.strictEqual(fixture.supervisor.config?.processes.find((spec) => spec.name === 'worker')?.restart, 'on-failure', 'the last good config stays applied');
    try {
      await waitFor(() => told, { message: 'the view to be refreshed with a "has errors" row' });
    } finally {
      subscription?.dispose();
    }
  });
});
