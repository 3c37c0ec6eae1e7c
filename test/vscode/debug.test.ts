import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { linesOf } from '../../src/core/process/outputTypes';
import { JS_DEBUG_EXTENSION } from '../../src/vscode/debugSessions';
import { describeIn, editAndSave, firstFolder, fixturePath, pidOf, recordPids, useFixture, waitFor, waitForStatus } from './fixtures/kit';

// The `workbench` launch's folder: app (scripts/app.js) is a Node program that watches src/**/*.js.
describeIn('workbench')('debugging a process', () => {
  const fixture = useFixture();
  const children: vscode.DebugSession[] = [];
  let subscription: vscode.Disposable | undefined;

  before(async () => {
    await fixture.api.stopAll();
    subscription = vscode.debug.onDidStartDebugSession((session) => session.parentSession && children.push(session));
  });
  after(async () => {
    subscription?.dispose();
    await vscode.debug.stopDebugging();
    await fixture.api.stopAll();
  });

  const sessions = (): vscode.DebugSession[] => fixture.api.debugSessionsOf(firstFolder().uri, 'app');

  /** The pid the debugger sees: js-debug attaches a child session to the target, which evaluates in it. */
  async function debuggeePid(parent: vscode.DebugSession): Promise<number> {
    await waitFor(() => children.some((child) => child.parentSession?.id === parent.id), { timeoutMs: 15_000, message: 'js-debug attached to the target' });
    const child = children.find((candidate) => candidate.parentSession?.id === parent.id);
    assert.ok(child);
    const answer = (await child.customRequest('evaluate', { expression: 'process.pid', context: 'repl' })) as { result: string };
    return Number(answer.result);
  }

  /** The one session attached to app's current run, once it is there. */
  async function attachedSession(other?: vscode.DebugSession): Promise<vscode.DebugSession> {
    await waitFor(() => sessions().length === 1 && sessions()[0] !== other, { timeoutMs: 20_000, message: `a debug session for app (has ${sessions().length}; ${fixture.supervisor.get('app')?.state.message})` });
    return sessions()[0];
  }

  it('the JavaScript debugger is present in the VS Code under test', () => {
    assert.ok(vscode.extensions.getExtension(JS_DEBUG_EXTENSION), `${JS_DEBUG_EXTENSION} is not in this VS Code: debugging cannot be tested, and does not work for users`);
  });

  it('Debug attaches a JavaScript debugger session to the process\'s own pid; a save restarts it and attaches again', async () => {
    await vscode.commands.executeCommand('procs.start', 'app');
    await waitForStatus(fixture.supervisor, 'app', 'running');
    const plainPid = pidOf(fixture.supervisor, 'app');
    recordPids([plainPid]);

    await vscode.commands.executeCommand('procs.debug', 'app');
    const first = await attachedSession();
    const pid = pidOf(fixture.supervisor, 'app');
    recordPids([pid]);
    assert.notStrictEqual(pid, plainPid, 'Debug restarted app with the inspector');
    assert.strictEqual(first.type, 'pwa-node', 'a session of js-debug');
    assert.strictEqual(first.configuration.request, 'attach');
    // Breakpoints bind in the process's own folder, through its source maps.
    assert.strictEqual(first.configuration.cwd, fixture.supervisor.get('app')?.spec.cwd);
    assert.strictEqual(first.configuration.cwd, firstFolder().uri.fsPath);
    assert.strictEqual(first.configuration.sourceMaps, true);
    assert.strictEqual(first.configuration.websocketAddress, fixture.supervisor.get('app')?.state.debug?.inspectors[0]?.url);
    assert.strictEqual(await debuggeePid(first), pid, 'the debugger is attached to app\'s pid');

    await editAndSave(fixturePath('src', 'app.js'), `module.exports = ${Date.now()};\n`);
    const second = await attachedSession(first);
    const restarted = pidOf(fixture.supervisor, 'app');
    recordPids([restarted]);
    assert.notStrictEqual(restarted, pid, 'the save restarted app');
    assert.strictEqual(await debuggeePid(second), restarted, 'the new session is attached to the new pid');
    assert.ok(fixture.supervisor.get('app')?.state.debug, 'debugging is still on');
  });

  it('ending the debug session restarts the process without the inspector', async () => {
    const [session] = sessions();
    assert.ok(session, 'app is being debugged (the test before)');
    const pid = pidOf(fixture.supervisor, 'app');
    await vscode.debug.stopDebugging(session);
    await waitFor(() => fixture.supervisor.get('app')?.state.debug === undefined, { message: 'debugging off' });
    await waitFor(() => fixture.supervisor.get('app')?.state.status === 'running' && fixture.supervisor.get('app')?.state.pid !== pid, { message: 'app running again with a new pid' });
    recordPids([pidOf(fixture.supervisor, 'app')]);
    assert.deepStrictEqual(sessions(), []);
  });

  /** The `contextValue` of a top-level row, which the menus' `when` clauses read. */
  function rowContext(name: string): string {
    const roots = fixture.api.tree.getChildren();
    assert.ok(Array.isArray(roots), 'the Procs tree answers getChildren at once');
    const item = roots.map((node) => fixture.api.tree.getTreeItem(node) as vscode.TreeItem).find((candidate) => candidate.label === name);
    assert.ok(item, `a row for ${name}`);
    return String(item.contextValue);
  }

  it('Stop Debugging on the process restarts it without the inspector, and its session ends; only its row offers it', async () => {
    // Visible, so rows are sampled: `.node` (the inline Debug) comes from a reading of the tree.
    await vscode.commands.executeCommand('procs.processes.focus');
    await vscode.commands.executeCommand('procs.start', 'slow');
    await vscode.commands.executeCommand('procs.debug', 'app');
    await attachedSession();
    const pid = pidOf(fixture.supervisor, 'app');
    recordPids([pid, pidOf(fixture.supervisor, 'slow')]);
    let seen = '';
    // No `.ports`: the inspector's port is the debugger's, not one app serves.
    await waitFor(() => (seen = rowContext('app')) === 'procs.process.running.node.debugging', { timeoutMs: 15_000, message: "app's row to be marked Node and debugging" }).catch((error: Error) => {
      throw new Error(`${error.message}: it is ${seen}`);
    });
    assert.match(rowContext('slow'), /^procs\.process\.(starting|running)(\.[a-z]+)*$/);
    assert.doesNotMatch(rowContext('slow'), /\.debugging/, 'a process not being debugged offers no Stop Debugging');
    await vscode.commands.executeCommand('procs.stopDebugging', 'app');
    assert.strictEqual(fixture.supervisor.get('app')?.state.debug, undefined);
    assert.doesNotMatch(rowContext('app'), /\.debugging/);
    await waitForStatus(fixture.supervisor, 'app', 'running');
    assert.notStrictEqual(pidOf(fixture.supervisor, 'app'), pid, 'restarted');
    recordPids([pidOf(fixture.supervisor, 'app')]);
    await waitFor(() => sessions().length === 0, { message: 'the session ended with the old run' });
  });

  it('"debug": true in .procs.json: the process starts with the inspector and the debugger attaches at once', async () => {
    const configFile = fixturePath('.procs.json');
    const original = fs.readFileSync(configFile, 'utf8');
    const app = '"app": { "command": ["node", "scripts/app.js"], "watch": ["src/**/*.js"], "autostart": false }';
    assert.ok(original.includes(app), 'the fixture config names app as this test expects');
    await fixture.api.stopAll();
    let firstPid: number | undefined;
    const spawned = fixture.supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'app') firstPid ??= current.pid;
    });
    try {
      await editAndSave(configFile, original.replace(app, app.replace(' }', ', "debug": true }')));
      await waitFor(() => fixture.supervisor.get('app')?.spec.debug === true, { message: 'the config with "debug": true applied' });
      await vscode.commands.executeCommand('procs.start', 'app');
      const session = await attachedSession();
      recordPids([pidOf(fixture.supervisor, 'app')]);
      assert.ok(firstPid !== undefined, 'app spawned');
      assert.strictEqual(await debuggeePid(session), firstPid, 'the debugger is attached to app\'s first run, not a restart after it');
    } finally {
      spawned.dispose();
      await editAndSave(configFile, original);
      await waitFor(() => fixture.supervisor.get('app')?.spec.debug === false, { message: 'the original config applied again' });
    }
  });

  it('Debug on a command that is not Node says so and turns debugging off, with no session', async () => {
    let said: string | undefined;
    let runs = 0;
    const watching = fixture.supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'notnode') said ??= current.debug?.unavailable;
    });
    const output = fixture.supervisor.onOutput(({ name, blocks }) => name === 'notnode' && (runs += linesOf(blocks).filter((line) => line.text === 'not a node program').length));
    try {
      await vscode.commands.executeCommand('procs.debug', 'notnode');
      await waitFor(() => said !== undefined, { message: 'the run said it printed no inspector line' });
      await waitFor(() => fixture.supervisor.get('notnode')?.state.debug === undefined, { message: 'debugging turned itself off' });
      assert.strictEqual(fixture.supervisor.get('notnode')?.state.status, 'exited');
      assert.strictEqual(runs, 1, 'the one-shot ran once: turning debugging off started it no second time');
      assert.deepStrictEqual(fixture.api.debugSessionsOf(firstFolder().uri, 'notnode'), []);
    } finally {
      watching.dispose();
      output.dispose();
    }
  });
});
