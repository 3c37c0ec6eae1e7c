import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { describeIn, firstFolder, fixturePath, pidOf, recordPids, statusOf, useFixture, waitFor, waitForStatus } from './fixtures/kit';

/** Everything the Procs terminals were sent, from the moment of the call. */
function recordTerminalWrites(onWrite: vscode.Event<{ data: string }>): { text: () => string; dispose: () => void } {
  let text = '';
  const subscription = onWrite(({ data }) => (text += data));
  return { text: () => text, dispose: () => subscription.dispose() };
}

describeIn('terminal')('Open in Terminal', () => {
  const fixture = useFixture();
  const terminalOf = (): vscode.Terminal | undefined => vscode.window.terminals.find((terminal) => terminal.name === 'Procs: echo');
  const recentText = (): string => fixture.supervisor.get('echo')?.recentOutput().map((line) => line.text).join('\n') ?? '';

  after(() => fixture.api.stopAll());

  it('replays the recent output with its colours, then live lines; a typed line reaches the process', async () => {
    await vscode.commands.executeCommand('procs.start', 'echo');
    await waitForStatus(fixture.supervisor, 'echo', 'running');
    recordPids([pidOf(fixture.supervisor, 'echo')]);
    await waitFor(() => recentText().includes('history 3'), { message: 'echo printed its history' });

    const writes = recordTerminalWrites(fixture.api.onDidWriteTerminal);
    try {
      await vscode.commands.executeCommand('procs.openTerminal', 'echo');
      // "output": { "color": true } set FORCE_COLOR, and the terminal keeps the escape codes.
      await waitFor(() => writes.text().includes('\u001b[32mhistory 3\u001b[0m'), { message: `the history in colour; got ${JSON.stringify(writes.text())}` });
      const terminal = terminalOf();
      assert.ok(terminal, 'a terminal named "Procs: echo"');
      terminal.sendText('hello from the terminal');
      await waitFor(() => recentText().includes('echo: hello from the terminal'), { message: `the process echoes the typed line; it printed ${recentText()}` });
      await waitFor(() => writes.text().includes('echo: hello from the terminal'), { message: 'the echo shows live in the terminal' });
    } finally {
      writes.dispose();
    }
  });

  it('closing the terminal leaves the process running; Ctrl+C in it stops the process', async () => {
    const pid = pidOf(fixture.supervisor, 'echo');
    terminalOf()?.dispose();
    await waitFor(() => terminalOf() === undefined, { message: 'the terminal closed' });
    assert.strictEqual(statusOf(fixture.supervisor, 'echo'), 'running');
    assert.strictEqual(pidOf(fixture.supervisor, 'echo'), pid);

    await vscode.commands.executeCommand('procs.openTerminal', 'echo');
    const terminal = terminalOf();
    assert.ok(terminal);
    terminal.sendText('\u0003', false);
    await waitForStatus(fixture.supervisor, 'echo', 'stopped');
    assert.strictEqual(fixture.supervisor.get('echo')?.state.reason, 'user');
  });

  it('regression: after .procs.json went and came back, Open in Terminal showed the dead terminal of the old config', async () => {
    const folder = firstFolder();
    const file = fixturePath('.procs.json');
    await vscode.commands.executeCommand('procs.start', 'echo');
    await waitForStatus(fixture.supervisor, 'echo', 'running');
    await vscode.commands.executeCommand('procs.openTerminal', 'echo');
    const before = terminalOf();
    assert.ok(before);

    fs.renameSync(file, `${file}.away`);
    try {
      await waitFor(() => fixture.api.supervisorFor(folder.uri) === undefined, { message: 'the supervisor to go with its file' });
    } finally {
      fs.renameSync(`${file}.away`, file);
    }
    await waitFor(() => fixture.api.supervisorFor(folder.uri)?.get('echo') !== undefined, { message: 'the config back' });
    await fixture.api.ready();
    assert.strictEqual(fixture.api.outputWindow(folder.uri, 'echo'), undefined, 'no channel made by the old config\'s last stop');
    const supervisor = fixture.api.supervisorFor(folder.uri);
    assert.ok(supervisor);

    await vscode.commands.executeCommand('procs.start', 'echo');
    await waitForStatus(supervisor, 'echo', 'running');
    await vscode.commands.executeCommand('procs.openTerminal', 'echo');
    const after = terminalOf();
    assert.ok(after && after !== before, 'a terminal of the config as it is now');
    after.sendText('\u0003', false);
    await waitForStatus(supervisor, 'echo', 'stopped');
  });
});
