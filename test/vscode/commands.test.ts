import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  describeOnFixture, EXTENSION_ID, firstFolder, fixturePath, isAlive, pidOf, statusOf, useFixture, waitForGone, waitForStatus,
} from './fixtures/kit';

describeOnFixture('Procs commands', () => {
  const fixture = useFixture();

  before(async () => {
    await fixture.api.stopAll();
  });
  afterEach(() => fixture.api.stopAll());

  it('procs.start / procs.stop act on the named process only', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    const pid = pidOf(fixture.supervisor, 'server');
    assert.ok(isAlive(pid));
    assert.strictEqual(statusOf(fixture.supervisor, 'worker'), 'stopped');

    await vscode.commands.executeCommand('procs.stop', 'server');
    assert.strictEqual(statusOf(fixture.supervisor, 'server'), 'stopped');
    await waitForGone(pid);
  });

  it('every command package.json contributes is registered, the rows\' twins (procs.startItem …) included', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((entry) => entry.command).filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, []);
  });

  it('the rows\' procs.startItem / procs.stopItem act on the process they are given, as procs.start / procs.stop do', async () => {
    await vscode.commands.executeCommand('procs.startItem', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    const pid = pidOf(fixture.supervisor, 'server');
    assert.strictEqual(statusOf(fixture.supervisor, 'worker'), 'stopped');
    await vscode.commands.executeCommand('procs.stopItem', 'server');
    assert.strictEqual(statusOf(fixture.supervisor, 'server'), 'stopped');
    await waitForGone(pid);
  });

  it('procs.restart replaces the process: new pid, old one gone', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    const before = pidOf(fixture.supervisor, 'server');
    await vscode.commands.executeCommand('procs.restart', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    assert.notStrictEqual(pidOf(fixture.supervisor, 'server'), before);
    await waitForGone(before);
  });

  it('a group name selects its processes', async () => {
    await vscode.commands.executeCommand('procs.start', 'backend');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    assert.strictEqual(statusOf(fixture.supervisor, 'crasher'), 'stopped');
  });

  it('procs.startAll starts the autostart processes; procs.stopAll stops every tree', async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    assert.strictEqual(statusOf(fixture.supervisor, 'crasher'), 'stopped', 'crasher is not autostart');
    const pids = [pidOf(fixture.supervisor, 'server'), pidOf(fixture.supervisor, 'worker')];

    await vscode.commands.executeCommand('procs.restartAll');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    assert.ok(!pids.includes(pidOf(fixture.supervisor, 'server')) && !pids.includes(pidOf(fixture.supervisor, 'worker')), 'both got new pids');

    const current = [pidOf(fixture.supervisor, 'server'), pidOf(fixture.supervisor, 'worker')];
    await vscode.commands.executeCommand('procs.stopAll');
    for (const pid of [...pids, ...current]) await waitForGone(pid);
    assert.ok(fixture.supervisor.processes.every((process) => process.state.status === 'stopped'));
  });

  it('an unknown selector changes nothing and does not throw', async () => {
    await vscode.commands.executeCommand('procs.start', 'no-such-process');
    assert.ok(fixture.supervisor.processes.every((process) => process.state.status === 'stopped'));
  });

  it('procs.copyCommand puts the command line on the clipboard', async () => {
    await vscode.commands.executeCommand('procs.copyCommand', 'worker');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'node scripts/worker.js');
  });

  it('procs.showOutput accepts a process name', async () => {
    await vscode.commands.executeCommand('procs.showOutput', 'server');
    assert.strictEqual(fixture.api.outputChannelName(firstFolder(), 'server'), 'Procs: server');
  });

  it('procs.openConfig and procs.revealInConfig open .procs.json at the entry', async () => {
    await vscode.commands.executeCommand('procs.openConfig');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, fixturePath('.procs.json'));

    await vscode.commands.executeCommand('procs.revealInConfig', 'worker');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const selected = editor.document.getText(editor.selection);
    assert.match(selected, /^"worker": \{/);
    assert.match(selected, /"statusBar": true\s*\}$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
