import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { linesOf, type OutputLine } from '../../../src/core/process/outputTypes';
import { Supervisor } from '../../../src/core/supervisor';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

describe('Supervisor.whenReady (real children)', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  let lines: OutputLine[];

  beforeEach(() => {
    project = makeTempProject();
    supervisor = new Supervisor();
    lines = [];
    supervisor.onOutput(({ blocks }) => lines.push(...linesOf(blocks)));
  });

  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  const applyConfig = async (processes: Record<string, unknown>): Promise<void> => {
    project.writeConfig({ processes });
    // A program not on PATH is warned about, and is what some of these tests are about.
    const problems = (await supervisor.apply(await loadConfig(project.configFile))).problems.filter((problem) => !problem.path.endsWith('.command[0]'));
    assert.deepEqual(problems, []);
  };

  it('resolves only once the readiness probe passed, after the child bound its port by its own clock', async () => {
    const port = await freePort();
    await applyConfig({ db: { command: nodeFixture('late-listener.js', port, 400), ready: { tcp: port }, autostart: false } });
    await supervisor.start(['db']);
    assert.equal(supervisor.get('db')?.state.status, 'starting', 'not ready yet when the start returns');
    const outcome = await supervisor.whenReady(['db']);
    const readyAt = Date.now();

    assert.deepEqual(outcome, { ok: true });
    assert.equal(supervisor.get('db')?.state.status, 'running');
    const listened = (): RegExpExecArray | undefined => lines.map((line) => /^listening (\d+)$/.exec(line.text)).find((match) => match !== null);
    // The line may reach us after the probe's connect did.
    await waitFor(() => listened() !== undefined, { message: 'db prints when it bound' });
    assert.ok(readyAt >= Number(listened()?.[1]), 'ready came after the bind');
  });

  it('is ready at once for a process that already runs, and a second start leaves it alone', async () => {
    await applyConfig({ idle: { command: nodeFixture('stamped.js'), autostart: false } });
    await supervisor.start(['idle']);
    assert.deepEqual(await supervisor.whenReady(['idle']), { ok: true });
    const pid = supervisor.get('idle')?.state.pid;
    await supervisor.start(['idle']);
    assert.deepEqual(await supervisor.whenReady(['idle']), { ok: true });
    assert.equal(supervisor.get('idle')?.state.pid, pid, 'the same process');
  });

  it('a command that cannot start: the outcome carries its state\'s reason and message', async () => {
    await applyConfig({ broken: { command: ['procs-no-such-command'], autostart: false } });
    await supervisor.start(['broken']);
    const outcome = await supervisor.whenReady(['broken']);

    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.equal(outcome.name, 'broken');
    assert.equal(outcome.status, 'backoff');
    assert.equal(outcome.reason, 'spawn');
    assert.match(outcome.message, /procs-no-such-command/);
  });

  it('a dependency that cannot start ends the wait for its dependent, naming the dependency', async () => {
    await applyConfig({
      db: { command: ['procs-no-such-command'], autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    const outcome = await supervisor.whenReady(['api']);

    assert.ok(!outcome.ok);
    assert.equal(outcome.name, 'db');
    assert.equal(outcome.reason, 'spawn');
    assert.equal(supervisor.get('api')?.state.status, 'waiting');
  });
  it('regression: the wait never ended when a dependency exited 0 but its dependent needs it ready', async () => {
    await applyConfig({
      // It ends before its readiness line, so it is never ready.
      db: { command: ['node', '-e', ''], ready: { log: 'never printed' }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    const outcome = await supervisor.whenReady(['api']);

    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.status], ['db', 'exited']);
    assert.equal(supervisor.get('api')?.state.status, 'waiting');
  });

  it('regression: the wait never ended for a dependency that is disabled', async () => {
    await applyConfig({
      db: { command: nodeFixture('stamped.js'), disabled: true },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    const outcome = await supervisor.whenReady(['api']);

    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.status], ['db', 'disabled']);
  });

  it('regression: the wait never ended when a dependency was stopped while its dependent waited', async () => {
    const port = await freePort();
    await applyConfig({
      db: { command: nodeFixture('late-listener.js', port, 60_000), ready: { tcp: port }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    const waited = supervisor.whenReady(['api']);
    await supervisor.stop(['db']);
    const outcome = await waited;

    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.status], ['db', 'stopped']);
  });

  it('a dependency needed `done` that exited 0 lets the wait go on to the dependent', async () => {
    await applyConfig({
      migrate: { command: ['node', '-e', ''], autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: { migrate: 'done' }, autostart: false },
    });
    await supervisor.start(['api']);
    assert.deepEqual(await supervisor.whenReady(['api']), { ok: true });
  });

  it('a process already running is ready, whatever became of its dependency since', async () => {
    await applyConfig({
      db: { command: nodeFixture('stamped.js'), autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    assert.deepEqual(await supervisor.whenReady(['api']), { ok: true });
    await applyConfig({
      db: { command: nodeFixture('stamped.js'), disabled: true },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    assert.equal(supervisor.get('api')?.state.status, 'running');

    await supervisor.start(['api']);
    assert.deepEqual(await supervisor.whenReady(['api']), { ok: true });
  });

  it('a dependency one dependent needs `done` and another `ready` ends the wait when it exits 0 unready', async () => {
    await applyConfig({
      migrate: { command: ['node', '-e', ''], ready: { log: 'never printed' }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: { migrate: 'done' }, autostart: false },
      web: { command: nodeFixture('stamped.js'), dependsOn: ['migrate'], autostart: false },
    });
    await supervisor.start(['api', 'web']);
    const outcome = await supervisor.whenReady(['api', 'web']);

    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.status], ['migrate', 'exited']);
  });

  it('a reload that replaces a dependency during the wait does not end it', async () => {
    const port = await freePort();
    const config = (mode: string) => ({
      db: { command: nodeFixture('late-listener.js', port, 300), ready: { tcp: port }, env: { MODE: mode }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await applyConfig(config('one'));
    await supervisor.start(['api']);
    const waited = supervisor.whenReady(['api']);
    await applyConfig(config('two'));

    assert.deepEqual(await waited, { ok: true });
    assert.equal(supervisor.get('api')?.state.status, 'running');
  });

  it('a reload that removes the process waited for ends the wait, not as ready', async () => {
    const port = await freePort();
    await applyConfig({ api: { command: nodeFixture('late-listener.js', port, 60_000), ready: { tcp: port }, autostart: false } });
    await supervisor.start(['api']);
    const waited = supervisor.whenReady(['api']);
    await applyConfig({ web: { command: nodeFixture('stamped.js'), autostart: false } });

    const outcome = await waited;
    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.message], ['api', 'no longer in the config']);
  });

  it('a dispose (the folder closed) during a reload in the wait ends it saying Procs stopped, not that the process left the config', async () => {
    const port = await freePort();
    const config = (mode: string) => ({ api: { command: nodeFixture('late-listener.js', port, 60_000), ready: { tcp: port }, env: { MODE: mode }, autostart: false } });
    await applyConfig(config('one'));
    await supervisor.start(['api']);
    const waited = supervisor.whenReady(['api']);
    project.writeConfig({ processes: config('two') });
    const reload = supervisor.apply(await loadConfig(project.configFile));
    await supervisor.dispose();
    await reload;

    const outcome = await waited;
    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.name, outcome.message], ['api', 'Procs stopped']);
  });

  it('a reload that replaces the process waited for lets the wait go on to the replacement', async () => {
    const port = await freePort();
    const config = (mode: string) => ({ api: { command: nodeFixture('late-listener.js', port, 300), ready: { tcp: port }, env: { MODE: mode }, autostart: false } });
    await applyConfig(config('one'));
    await supervisor.start(['api']);
    const waited = supervisor.whenReady(['api']);
    await applyConfig(config('two'));

    assert.deepEqual(await waited, { ok: true });
  });
});
