import * as assert from 'node:assert/strict';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { runCli } from '../helpers/cliProcess';

describe('procs check', function () {
  let project: TempProject;
  beforeEach(() => (project = makeTempProject()));
  afterEach(() => project.remove());

  it('prints each problem as file:line:col and exits 1 on errors', async () => {
    project.write('.procs.json', '{\n  "processes": {\n    "api": { "command": "x", "restart": "sometimes" }\n  }\n}\n');
    const run = runCli(['check'], project.root);
    const { code } = await run.exited;
    assert.equal(code, 1);
    assert.match(run.stdout(), /^\.procs\.json:3:\d+: error: processes\.api\.restart: must be one of on-failure, always, never$/m);
  });

  it('accepts --config and exits 0 for a valid file, reporting warnings', async () => {
    project.write('conf/dev.json', '{ "processes": { "api": { "command": "x", "colour": "red" } } }');
    const run = runCli(['check', '--config', 'conf/dev.json'], project.root);
    const { code } = await run.exited;
    assert.equal(code, 0, run.stdout());
    assert.match(run.stdout(), /conf\/dev\.json:1:\d+: warning: processes\.api\.colour: unknown key/);
    assert.match(run.stdout(), /ok, 1 process/);
  });

  it('says plainly when the config file is missing', async () => {
    const run = runCli(['check'], project.root);
    const { code } = await run.exited;
    assert.equal(code, 1);
    assert.match(run.stdout(), /config file not found/);
  });
});
