import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/loadConfig';
import type { ProcessState } from '../../../src/core/process/states';
import { Supervisor } from '../../../src/core/supervisor';
import { ConflictNews } from '../../../src/vscode/conflictNews';
import { FixtureChild } from '../health/fixtureChild';
import { freePort } from '../helpers/ports';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

describe('ConflictNews: which port conflicts the VS Code notice tells of', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  let news: ConflictNews;
  /** Every state web took, and those the notice would have told of. */
  let states: ProcessState[];
  let told: ProcessState[];
  let squatterPid: number;

  beforeEach(async () => {
    project = makeTempProject();
    supervisor = new Supervisor();
    news = new ConflictNews();
    states = [];
    told = [];
    supervisor.onDidChangeState(({ name, current }) => {
      states.push(current);
      if (news.next(name, current)) told.push(current);
    });
    const port = await freePort();
    const squatter = new FixtureChild('squatter.js', [port]);
    squatterPid = Number((await squatter.waitForLine(/^squatting (\d+)$/))[1]);
    // It retries quickly against the squatter, three times, then gives up.
    const listen = `require('net').createServer().listen(${port}, '127.0.0.1')`;
    project.writeConfig({ processes: { web: { command: ['node', '-e', listen], backoff: ['10ms'], maxRestarts: 3 } } });
    await supervisor.apply(await loadConfig(project.configFile));
  });
  afterEach(async () => {
    await supervisor.dispose();
    await FixtureChild.stopAll();
    project.remove();
  });

  const conflicts = () => states.filter((state) => state.reason === 'port');
  const gaveUp = (runs: number) => waitFor(() => conflicts().length === runs && states.at(-1)?.status === 'failed', { message: `${runs} port conflicts, then failed` });

  it('regression: a backoff retry against the same squatter notifies again', async () => {
    await supervisor.start(['web']);
    await gaveUp(4);
    assert.equal(told.length, 1, `told of ${told.length} of ${conflicts().length} conflicts with pid ${squatterPid}`);
    assert.equal(told[0].conflict?.holder?.pid, squatterPid);
  });

  it('tells again once someone starts the process again, and of another holder at once', async () => {
    await supervisor.start(['web']);
    await gaveUp(4);
    await supervisor.start(['web']);
    await gaveUp(8);
    assert.equal(told.length, 2, 'a start by hand is news again');
    const last = conflicts().at(-1) as ProcessState;
    const holder = last.conflict?.holder;
    assert.ok(holder);
    const other = { ...last, conflict: { port: last.conflict?.port ?? 0, procs: undefined, holder: { ...holder, pid: holder.pid + 1 } } };
    assert.ok(news.next('web', other), 'another holder of the port is news');
    assert.equal(news.next('web', other), undefined, 'and only once');
  });
});
