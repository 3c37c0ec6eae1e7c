import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { linesOf, type OutputLine } from '../../../src/core/process/outputTypes';
import type { ProcessState } from '../../../src/core/process/states';
import { Supervisor } from '../../../src/core/supervisor';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

describe('Supervisor dependencies (real children, real sockets)', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  let states: Map<string, ProcessState[]>;
  let lines: Map<string, OutputLine[]>;

  beforeEach(() => {
    project = makeTempProject();
    supervisor = new Supervisor();
    states = new Map();
    lines = new Map();
    supervisor.onDidChangeState(({ name, current }) => states.set(name, [...(states.get(name) ?? []), current]));
    supervisor.onOutput(({ name, blocks }) => lines.set(name, [...(lines.get(name) ?? []), ...linesOf(blocks)]));
  });

  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  const applyConfig = async (processes: Record<string, unknown>): Promise<void> => {
    project.writeConfig({ processes });
    const report = await supervisor.apply(await loadConfig(project.configFile));
    assert.deepEqual(report.problems, []);
  };
  const stateOf = (name: string): ProcessState => {
    const process = supervisor.get(name);
    assert.ok(process, `a process named ${name}`);
    return process.state;
  };
  const historyOf = (name: string): ProcessState[] => states.get(name) ?? [];
  const waitStatus = (name: string, status: ProcessState['status']): Promise<void> =>
    waitFor(() => supervisor.get(name)?.state.status === status, {
      timeoutMs: 10_000,
      message: `${name} ${status} (seen: ${historyOf(name).map((s) => s.status).join(' → ')}; ${supervisor.get(name)?.state.message})`,
    });
  /** The number in the first line of `name`'s output that matches `pattern` (one capture group). */
  const stamp = async (name: string, pattern: RegExp): Promise<number> => {
    const find = () => (lines.get(name) ?? []).map((line) => line.text.match(pattern)).find((m) => m !== null);
    await waitFor(() => find() !== undefined, { message: `${name}: ${pattern}` });
    return Number(find()?.[1]);
  };

  it('a dependent is spawned only after its dependency listens, by the children’s own clocks', async () => {
    const port = await freePort();
    await applyConfig({
      db: { command: nodeFixture('late-listener.js', port, 500), ready: { tcp: port }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('api', 'running');
    const listeningAt = await stamp('db', /^listening (\d+)$/);
    const apiStartedAt = await stamp('api', /^started (\d+)$/);

    assert.ok(apiStartedAt >= listeningAt, `api started at ${apiStartedAt}, db listened at ${listeningAt}`);
    assert.equal(stateOf('db').status, 'running', 'db was started for api');
    const waiting = historyOf('api').find((s) => s.status === 'waiting');
    assert.equal(waiting?.reason, 'dependency');
    assert.equal(waiting?.pid, undefined, 'nothing spawned while waiting');
    assert.ok(historyOf('db').some((s) => s.status === 'starting' && s.pid !== undefined), 'db was spawned before it was ready');
  });

  it('`started` lets the dependent run once the dependency is spawned, before it is ready', async () => {
    const port = await freePort();
    await applyConfig({
      db: { command: nodeFixture('late-listener.js', port, 60_000), ready: { tcp: port }, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: { db: 'started' }, autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('api', 'running');

    assert.equal(stateOf('db').status, 'starting', 'db is still not ready');
    assert.ok(stateOf('db').pid !== undefined, 'db was spawned');
  });

  it('`done`: a migration that exits 0 lets the dependent start after it', async () => {
    await applyConfig({
      migrate: { command: nodeFixture('migrate.js', 0, 200), restart: 'never', autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: { migrate: 'done' }, autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('api', 'running');
    const migratedAt = await stamp('migrate', /^migrated (\d+)$/);
    const apiStartedAt = await stamp('api', /^started (\d+)$/);

    assert.equal(stateOf('migrate').status, 'exited');
    assert.ok(apiStartedAt >= migratedAt, 'api started after the migration ended');
    assert.ok(historyOf('api').some((s) => s.status === 'waiting' && s.reason === 'dependency'), 'api waited');
  });

  it('`done`: a migration that exits 1 keeps the dependent waiting, spawning nothing', async () => {
    await applyConfig({
      migrate: { command: nodeFixture('migrate.js', 1), restart: 'never', autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: { migrate: 'done' }, autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('migrate', 'exited');
    // Re-asked on the migration's own state change: the dependent has heard by now.
    await waitFor(() => /exited/.test(stateOf('api').message), { message: `api told of the exit (${stateOf('api').message})` });

    assert.equal(stateOf('migrate').lastExit?.code, 1);
    assert.equal(stateOf('api').status, 'waiting');
    assert.equal(stateOf('api').reason, 'dependency');
    assert.ok(historyOf('api').every((s) => s.pid === undefined), 'api was never spawned');
  });

  it('a dependency that fails for good leaves the dependent waiting, saying so', async () => {
    await applyConfig({
      // Never ready: it crashes before it could print the line.
      db: { command: nodeFixture('crasher.js', 1), ready: { log: 'never printed' }, backoff: [20], maxRestarts: 1, autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('db', 'failed');
    await waitFor(() => /failed/.test(stateOf('api').message), { message: `api told of the failure (${stateOf('api').message})` });

    assert.equal(stateOf('api').status, 'waiting');
    assert.equal(stateOf('api').reason, 'dependency');
    assert.match(stateOf('api').message, /^waiting for db: failed, .*gave up after 1 restart$/);
    assert.ok(historyOf('api').every((s) => s.pid === undefined), 'api was never spawned');
  });

  it('regression: a dependent whose before step ran while its dependency crashed spawned with the dependency down', async () => {
    const port = await freePort();
    const go = `${project.root}/go`;
    // The step says it began, then waits for the test's word.
    const step = [process.execPath, '-e', `require('fs').writeFileSync('step-began', ''); setInterval(() => require('fs').existsSync(${JSON.stringify(go)}) && process.exit(0), 10)`];
    await applyConfig({
      db: { command: nodeFixture('late-listener.js', port, 0), ready: { tcp: port }, backoff: [60_000], autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], before: step, autostart: false },
    });
    void supervisor.start(['api']);
    await waitFor(() => fs.existsSync(`${project.root}/step-began`), { message: 'api\'s step to begin' });
    assert.equal(stateOf('db').status, 'running', 'db was ready when the step began');

    process.kill(stateOf('db').pid as number, 'SIGKILL');
    await waitStatus('db', 'backoff');
    fs.writeFileSync(go, '');
    await waitStatus('api', 'waiting');

    assert.equal(stateOf('api').reason, 'dependency');
    assert.match(stateOf('api').message, /^waiting for db/);
    assert.ok(historyOf('api').every((s) => s.pid === undefined), 'api was never spawned');
  });

  it('a crash of a dependency leaves its running dependent alone', async () => {
    await applyConfig({
      db: { command: nodeFixture('stamped.js'), backoff: [50], autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('api', 'running');
    const apiPid = stateOf('api').pid;
    const dbPid = stateOf('db').pid as number;
    const apiStatesBefore = historyOf('api').length;

    process.kill(dbPid, 'SIGKILL');
    await waitFor(() => stateOf('db').status === 'running' && stateOf('db').pid !== dbPid, { message: 'db back with a new pid' });

    assert.ok(historyOf('db').some((s) => s.status === 'backoff' && s.reason === 'crash'), 'db crashed and backed off');
    assert.equal(stateOf('api').pid, apiPid, 'api kept its pid');
    assert.equal(historyOf('api').length, apiStatesBefore, 'api did not change state at all');
  });

  it('a restart on save of a dependency leaves its running dependent alone', async () => {
    project.write('db/schema.sql', '');
    await applyConfig({
      db: { command: nodeFixture('stamped.js'), watch: ['db/**'], autostart: false },
      api: { command: nodeFixture('stamped.js'), dependsOn: ['db'], autostart: false },
    });
    await supervisor.start(['api']);
    await waitStatus('api', 'running');
    const apiPid = stateOf('api').pid;
    const dbPid = stateOf('db').pid;
    const apiStatesBefore = historyOf('api').length;

    const change = supervisor.fileChanged(`${project.root}/db/schema.sql`, 'schema.sql saved');
    assert.deepEqual(change.restarting, ['db']);
    await change.settled;
    await waitStatus('db', 'running');

    assert.notEqual(stateOf('db').pid, dbPid, 'db restarted');
    assert.equal(stateOf('api').pid, apiPid, 'api kept its pid');
    assert.equal(historyOf('api').length, apiStatesBefore, 'api did not change state at all');
  });
});
