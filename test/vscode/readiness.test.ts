import * as assert from 'assert';
import * as vscode from 'vscode';
import { linesOf, type OutputLine } from '../../src/core/process/outputTypes';
import type { ProcessState } from '../../src/core/process/states';
import { describeIn, pidOf, recordPids, useFixture, waitFor, waitForStatus } from './fixtures/kit';
import { RowRecorder, type Row } from './fixtures/rows';

// The `readiness` launch's folder (test/vscode/fixtures/readiness): db listens on 23790 after
// 1.5 s and is ready once that port answers; api depends on db; web has a liveness probe.
const DB_PORT = 23790;
const WEB_PORT = 23791;

const summary = (rows: readonly Row[]): string => rows.map((row) => `${row.status} [${row.icon}] ${row.description}`).join(' | ');

describeIn('readiness')('readiness and dependencies in the Procs view', () => {
  const fixture = useFixture();
  const lines = new Map<string, OutputLine[]>();
  const states = new Map<string, ProcessState[]>();
  let rows: RowRecorder;
  let subscriptions: vscode.Disposable[] = [];

  before(async () => {
    await fixture.api.stopAll();
    subscriptions = [
      fixture.supervisor.onOutput(({ name, blocks }) => lines.set(name, [...(lines.get(name) ?? []), ...linesOf(blocks)])),
      fixture.supervisor.onDidChangeState(({ name, current }) => states.set(name, [...(states.get(name) ?? []), current])),
    ];
  });
  beforeEach(() => {
    lines.clear();
    states.clear();
    rows = new RowRecorder(fixture.api.tree);
  });
  afterEach(async () => {
    rows.dispose();
    await fixture.api.stopAll();
  });
  after(() => {
    for (const subscription of subscriptions) subscription.dispose();
  });

  /** The epoch ms a child printed after `prefix` (`listening 1796…`), by its own clock. */
  function printedTime(name: string, prefix: string): number | undefined {
    const line = lines.get(name)?.find((candidate) => candidate.text.startsWith(prefix));
    return line && Number(line.text.slice(prefix.length).split(' ')[0]);
  }

  it('Start All: api waits for db, then the tree walks waiting → starting → running; api spawns after db listens', async () => {
    await vscode.commands.executeCommand('procs.startAll');
    await waitForStatus(fixture.supervisor, 'db', 'starting');
    await waitFor(() => fixture.supervisor.get('db')?.state.pid !== undefined, { message: 'db spawned' });
    recordPids([pidOf(fixture.supervisor, 'db')]);
    // db listens 1.5 s after its spawn: until then nothing is ready.
    assert.strictEqual(fixture.api.statusBarText(), '$(pulse) 0/3');
    assert.strictEqual(fixture.api.statusBarTooltip(), 'Procs: 0 of 3 ready');

    await waitForStatus(fixture.supervisor, 'api', 'running', 20_000);
    recordPids([pidOf(fixture.supervisor, 'api')]);

    const api = rows.of('api');
    assert.deepStrictEqual(rows.statuses('api'), ['stopped', 'waiting', 'starting', 'running'], summary(api));
    const waiting = api.find((row) => row.status === 'waiting');
    assert.ok(waiting);
    assert.strictEqual(waiting.icon, 'watch');
    assert.match(waiting.description, /^waiting for db\b/);
    assert.match(waiting.tooltip, /waiting for db/);

    const db = rows.of('db');
    assert.deepStrictEqual(rows.statuses('db'), ['stopped', 'starting', 'running'], summary(db));
    const spawned = db.find((row) => row.status === 'starting' && /pid \d+/.test(row.description));
    assert.ok(spawned, `db showed no starting row with its pid: ${summary(db)}`);
    assert.strictEqual(spawned.icon, 'sync~spin', 'db keeps its spinner until ready');
    const ready = db.find((row) => row.status === 'running');
    assert.ok(ready);
    assert.strictEqual(ready.icon, 'pass-filled');
    assert.match(ready.tooltip, new RegExp(`ready: tcp 127\\.0\\.0\\.1:${DB_PORT} · passed after [\\d.]+ (ms|s)`));
    // The tree showed api waiting while db was still starting, and running only after db was ready.
    assert.ok(waiting.at <= ready.at, 'api waited before db was ready');
    assert.ok(api[api.length - 1].at >= ready.at, 'api ran only once db was ready');

    // The children's own clocks: db's bind, api's process start, and the engine's record of api's spawn.
    await waitFor(() => printedTime('db', 'listening ') !== undefined && printedTime('api', 'api started ') !== undefined, {
      message: 'db and api print their times',
    });
    const listenedAt = printedTime('db', 'listening ') ?? NaN;
    const apiStartedAt = printedTime('api', 'api started ') ?? NaN;
    assert.ok(apiStartedAt >= listenedAt, `api started at ${apiStartedAt}, before db listened at ${listenedAt}`);
    const apiSpawnedAt = fixture.supervisor.get('api')?.state.startedAt ?? NaN;
    assert.ok(apiSpawnedAt >= listenedAt, `api was spawned at ${apiSpawnedAt}, before db listened at ${listenedAt}`);

    await waitFor(() => fixture.api.statusBarText() === '$(pulse) 2/3', { message: `status bar 2/3 (is ${fixture.api.statusBarText()})` });
    assert.strictEqual(fixture.api.statusBarTooltip(), 'Procs: 2 of 3 ready');
  });

  it('a failed liveness try turns the running row to a warning, with the probe\'s result in the tooltip, before the restart', async () => {
    await vscode.commands.executeCommand('procs.start', 'web');
    await waitForStatus(fixture.supervisor, 'web', 'running');
    const first = pidOf(fixture.supervisor, 'web');
    recordPids([first]);
    // health-server answers /health with 503 after SIGUSR1; three failed tries, 300 ms apart, restart it.
    process.kill(first, 'SIGUSR1');
    await waitFor(() => fixture.supervisor.get('web')?.state.status === 'running' && fixture.supervisor.get('web')?.state.pid !== first, {
      timeoutMs: 15_000,
      message: `web to run again with a new pid (is ${fixture.supervisor.get('web')?.state.message})`,
    });
    recordPids([pidOf(fixture.supervisor, 'web')]);

    const web = rows.of('web');
    const warned = web.find((row) => row.icon === 'warning');
    assert.ok(warned, `web showed no warning row: ${summary(web)}`);
    assert.strictEqual(warned.status, 'running', 'the warning comes while web still runs');
    assert.strictEqual(warned.color, 'list.warningForeground');
    // Rows hovered (the recorder resolves each) also show the readings: port, CPU, memory.
    assert.match(warned.description, new RegExp(`^running · pid ${first} · (:\\d+ · )?(\\d+% · )?(\\d+ MB · )?(<1m|\\d+m) · health failing`));
    assert.match(warned.tooltip, new RegExp(`health: GET http://127\\.0\\.0\\.1:${WEB_PORT}/health · GET /health → 503 · \\d+s ago`));
    const after = web.slice(web.indexOf(warned));
    assert.ok(after.some((row) => row.status !== 'running'), `web left running after the warning: ${summary(web)}`);
    // The restart's reason is the probe, for code to read; its words name the probe's last result.
    const unhealthy = (states.get('web') ?? []).find((state) => state.reason === 'probe' && state.status === 'backoff');
    assert.ok(unhealthy, `no backoff with the probe as its reason: ${(states.get('web') ?? []).map((state) => `${state.status}/${state.reason}`).join(', ')}`);
    assert.match(unhealthy.message, /^unhealthy: GET \/health → 503, 3 times in a row/);
    const again = web[web.length - 1];
    assert.strictEqual(again.icon, 'pass-filled', 'the new run is healthy again');
  });
});
