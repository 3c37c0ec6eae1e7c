import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Supervisor } from '../../../src/core/supervisor';
import { milestonesOf, WALKTHROUGH_KEYS } from '../../../src/vscode/walkthroughMilestones';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { upWith } from '../helpers/upWith';
import { waitFor } from '../helpers/waitFor';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { walkthroughs: Array<{ steps: Array<{ id: string; completionEvents: string[] }> }> };
};
const completionOf = (id: string): string[] => manifest.contributes.walkthroughs.flatMap((w) => w.steps).find((step) => step.id === id)?.completionEvents ?? [];

describe('the walkthrough completes its steps on what the user saw work (real processes)', () => {
  let project: TempProject;
  let supervisor: Supervisor;
  const earned: Array<{ name: string; key: string }> = [];

  beforeEach(() => {
    project = makeTempProject();
    earned.length = 0;
    supervisor = new Supervisor();
    supervisor.onDidChangeState((change) => earned.push(...milestonesOf(change).map((key) => ({ name: change.name, key }))));
  });
  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  it('regression: "Restart on save" and "Readiness" were marked done by merely opening .procs.json', () => {
    assert.deepEqual(completionOf('restartOnSave'), [`onContext:${WALKTHROUGH_KEYS.restartedOnChange}`]);
    assert.deepEqual(completionOf('readiness'), [`onContext:${WALKTHROUGH_KEYS.becameReady}`]);
  });

  it('a readiness probe passing earns "Readiness"; a start by hand without a probe earns nothing', async () => {
    const port = await freePort();
    await upWith(supervisor, project, {
      db: { command: nodeFixture('late-listener.js', port, 300), ready: { tcp: port } },
      plain: { command: nodeFixture('late-listener.js', await freePort(), 0) },
    });
    await waitFor(() => supervisor.get('db')?.state.status === 'running' && supervisor.get('plain')?.state.status === 'running', { message: 'both running' });
    assert.deepEqual(earned, [{ name: 'db', key: WALKTHROUGH_KEYS.becameReady }]);
  });

  it('a restart for a change (a save) earns "Restart on save"; a restart by hand does not', async () => {
    await upWith(supervisor, project, { app: { command: nodeFixture('late-listener.js', await freePort(), 0) } });
    const app = supervisor.get('app');
    assert.ok(app);
    await waitFor(() => app.state.status === 'running', { message: 'app running' });
    await app.restart('by hand');
    await waitFor(() => app.state.status === 'running', { message: 'app running again' });
    assert.deepEqual(earned, []);
    await app.requestRestart('src/app.js saved');
    await waitFor(() => app.state.status === 'running' && app.state.reason === 'change', { message: 'app restarted for the save' });
    assert.deepEqual(earned, [{ name: 'app', key: WALKTHROUGH_KEYS.restartedOnChange }]);
  });
});
