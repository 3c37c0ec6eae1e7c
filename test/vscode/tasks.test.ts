import * as assert from 'assert';
import * as vscode from 'vscode';
import { linesOf, type OutputLine } from '../../src/core/process/outputTypes';
import type { ProcessState } from '../../src/core/process/states';
import { describeIn, firstFolder, isAlive, pidOf, recordPids, useFixture, waitFor } from './fixtures/kit';

// The `workbench` launch's folder (test/vscode/fixtures/workbench): slow listens 1.5 s after its
// spawn and is ready once its port answers; broken's command does not exist.

interface TaskEnd {
  exitCode: number | undefined;
  /** Epoch ms the host heard the task end. */
  at: number;
  /** The process's state at that moment. */
  state: ProcessState | undefined;
  /** Whether `watchPid` (if given) was alive at that moment. */
  alive: boolean | undefined;
}

/** The tasks the nested suite writes to the folder's tasks.json, each with its own label. */
const CONFIGURED = [
  { label: 'restart slow', type: 'procs', process: 'slow', action: 'restart' },
  { label: 'stop slow', type: 'procs', process: 'slow', action: 'stop' },
  // A fresh terminal, so its text is this run's alone.
  { label: 'start broken', type: 'procs', process: 'broken', presentation: { panel: 'new' } },
];

/** All a terminal shows, through the workbench's own Select All and Copy (the API cannot read a terminal). */
async function terminalText(terminal: vscode.Terminal): Promise<string> {
  terminal.show();
  await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  return vscode.env.clipboard.readText();
}

describeIn('workbench')('procs tasks', () => {
  const fixture = useFixture();
  const lines: OutputLine[] = [];
  let subscription: vscode.Disposable | undefined;

  before(async () => {
    await fixture.api.stopAll();
    subscription = fixture.supervisor.onOutput(({ name, blocks }) => name === 'slow' && lines.push(...linesOf(blocks)));
  });
  after(async () => {
    subscription?.dispose();
    await fixture.api.stopAll();
  });

  async function procsTask(name: string): Promise<vscode.Task> {
    const task = (await vscode.tasks.fetchTasks({ type: 'procs' })).find((candidate) => candidate.name === name);
    assert.ok(task, `a procs task named ${name}`);
    return task;
  }

  /** Runs the task and resolves when it has ended, with its exit code and the process's state then. */
  async function runTask(task: vscode.Task, processName: string, watchPid?: number): Promise<TaskEnd> {
    const ended = new Promise<TaskEnd>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        listener.dispose();
        const alive = watchPid === undefined ? undefined : isAlive(watchPid);
        resolve({ exitCode: event.exitCode, at: Date.now(), state: fixture.supervisor.get(processName)?.state, alive });
      });
    });
    await vscode.tasks.executeTask(task);
    return ended;
  }

  it('lists one task per process, labelled "procs: <name>"', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'procs' });
    assert.deepStrictEqual(tasks.map((task) => task.name).sort(), ['app', 'broken', 'notnode', 'slow']);
    for (const task of tasks) {
      assert.strictEqual(task.source, 'procs');
      assert.deepStrictEqual(task.definition, { type: 'procs', process: task.name });
    }
  });

  it('a start task ends only once its process is ready: after the child bound its port, by its own clock', async () => {
    const end = await runTask(await procsTask('slow'), 'slow');
    recordPids([pidOf(fixture.supervisor, 'slow')]);

    assert.strictEqual(end.exitCode, 0);
    assert.strictEqual(end.state?.status, 'running', `slow was ${end.state?.status} when the task ended`);
    assert.ok(end.state.probe?.readyAfterMs !== undefined, 'slow was made ready by its probe');
    const listened = (): RegExpExecArray | undefined => lines.map((line) => /^listening (\d+)$/.exec(line.text)).find((match) => match !== null);
    await waitFor(() => listened() !== undefined, { message: 'slow prints when it bound its port' });
    const boundAt = Number(listened()?.[1]);
    assert.ok(end.at >= boundAt, `the task ended at ${end.at}, before slow bound its port at ${boundAt}`);
  });

  it('running the task again starts no second copy and ends at once', async () => {
    const pid = pidOf(fixture.supervisor, 'slow');
    const end = await runTask(await procsTask('slow'), 'slow');
    assert.strictEqual(end.exitCode, 0);
    assert.strictEqual(end.state?.pid, pid, 'the same process still runs');
  });

  it('fails with the reason when the process cannot start', async () => {
    const end = await runTask(await procsTask('broken'), 'broken');
    assert.strictEqual(end.exitCode, 1);
    assert.strictEqual(end.state?.status, 'backoff');
    assert.strictEqual(end.state?.reason, 'spawn');
    await fixture.supervisor.stop(['broken']);
  });

  describe('tasks.json tasks with an action', () => {
    const tasksConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tasks', firstFolder().uri);
    /** slow's "listening <ms>" lines so far, by the child's clock. */
    const boundTimes = (): number[] => lines.flatMap((line) => /^listening (\d+)$/.exec(line.text)?.[1] ?? []).map(Number);

    before(async () => {
      await tasksConfig().update('version', '2.0.0', vscode.ConfigurationTarget.WorkspaceFolder);
      await tasksConfig().update('tasks', CONFIGURED, vscode.ConfigurationTarget.WorkspaceFolder);
      const labels = CONFIGURED.map((task) => task.label);
      await eventually(async () => {
        const names = (await vscode.tasks.fetchTasks({ type: 'procs' })).map((task) => task.name);
        return labels.every((label) => names.includes(label));
      }, () => `fetchTasks to list ${labels.join(', ')}`);
    });
    after(async () => {
      await tasksConfig().update('tasks', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await fixture.supervisor.stop(['broken', 'slow']);
    });

    it('"action": "restart" restarts the running process (a new pid) and ends once the new child is ready', async () => {
      if (fixture.supervisor.get('slow')?.state.status !== 'running') await runTask(await procsTask('slow'), 'slow');
      const before = pidOf(fixture.supervisor, 'slow');
      const boundBefore = boundTimes().length;

      const end = await runTask(await procsTask('restart slow'), 'slow', before);
      recordPids([pidOf(fixture.supervisor, 'slow')]);
      assert.strictEqual(end.exitCode, 0);
      assert.strictEqual(end.state?.status, 'running', `slow was ${end.state?.status} when the task ended`);
      assert.notStrictEqual(end.state.pid, before, 'a new child');
      assert.strictEqual(end.alive, false, `the old child ${before} was gone when the task ended`);
      assert.ok(end.state.probe?.readyAfterMs !== undefined, 'the new child was made ready by its probe');
      await waitFor(() => boundTimes().length > boundBefore, { message: 'the new child prints when it bound its port' });
      const boundAt = boundTimes()[boundBefore];
      assert.ok(end.at >= boundAt, `the task ended at ${end.at}, before the new child bound its port at ${boundAt}`);
    });

    it('"action": "stop" stops the process, and the task ends once it is stopped and its child gone', async () => {
      const pid = pidOf(fixture.supervisor, 'slow');
      const end = await runTask(await procsTask('stop slow'), 'slow', pid);
      assert.strictEqual(end.exitCode, 0);
      assert.strictEqual(end.state?.status, 'stopped', `slow was ${end.state?.status} when the task ended`);
      assert.strictEqual(end.state.reason, 'user');
      assert.strictEqual(end.alive, false, `slow's child ${pid} was gone when the task ended`);
    });

    it("a failed task's terminal says why: the process, its status and the message of the state it failed in", async () => {
      const opened: vscode.Terminal[] = [];
      // broken retries while the task ends: the reason is that of its first backoff, not its state later.
      const backoffs: string[] = [];
      const subscriptions = [
        vscode.window.onDidOpenTerminal((terminal) => opened.push(terminal)),
        fixture.supervisor.onDidChangeState(({ name, current }) => name === 'broken' && current.status === 'backoff' && backoffs.push(current.message)),
      ];
      let end: TaskEnd;
      try {
        end = await runTask(await procsTask('start broken'), 'broken');
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
      }
      assert.strictEqual(end.exitCode, 1);
      assert.strictEqual(end.state?.reason, 'spawn');
      assert.ok(backoffs.length > 0, 'broken backed off');
      assert.strictEqual(opened.length, 1, `one terminal for the task; opened: ${opened.map((terminal) => terminal.name).join(', ')}`);
      const expected = `Procs: broken did not come up (backoff): ${backoffs[0]}`;
      let text = '';
      await eventually(async () => {
        // The terminal wraps long lines: compare with runs of white space as one space.
        text = (await terminalText(opened[0])).replace(/\s+/g, ' ');
        return text.includes(expected);
      }, () => `the terminal to say "${expected}"; it shows ${JSON.stringify(text)}`);
      await fixture.supervisor.stop(['broken']);
    });
  });
});

/** Like waitFor, for a check that must await (the task list, a terminal's text). */
async function eventually(check: () => Promise<boolean>, message: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
