import * as assert from 'assert';
import * as vscode from 'vscode';
import { linesOf, type OutputLine } from '../../src/core/process/outputTypes';
import type { ProcessState } from '../../src/core/process/states';
import { describeIn, pidOf, recordPids, useFixture, waitFor } from './fixtures/kit';

// The `workbench` launch's folder (test/vscode/fixtures/workbench): slow listens 1.5 s after its
// spawn and is ready once its port answers; broken's command does not exist.

interface TaskEnd {
  exitCode: number | undefined;
  /** Epoch ms the host heard the task end. */
  at: number;
  /** The process's state at that moment. */
  state: ProcessState | undefined;
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
  async function runTask(task: vscode.Task, processName: string): Promise<TaskEnd> {
    const ended = new Promise<TaskEnd>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        listener.dispose();
        resolve({ exitCode: event.exitCode, at: Date.now(), state: fixture.supervisor.get(processName)?.state });
      });
    });
    await vscode.tasks.executeTask(task);
    return ended;
  }

  it('lists one task per process, labelled "procs: <name>"', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'procs' });
    assert.deepStrictEqual(tasks.map((task) => task.name).sort(), ['app', 'broken', 'slow']);
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
});
