import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../../../src/core/process/killTree';
import { CONFIG_VAR } from '../../../src/core/process/runMarks';
import { findByEnvironment } from '../../../src/core/system/procTable';
import { runCli, stopCli, type CliRun } from '../helpers/cliProcess';
import { freePort } from '../helpers/ports';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

/** Each process writes its pid to pids/<name>, then idles: a way to learn pids without reading procs' output. */
const pidWriter = (name: string): string => `echo $$ > pids/${name}; exec sleep 600`;

describe('procs up: no orphan, whatever ends it', function () {
  let project: TempProject;
  const runs: CliRun[] = [];
  beforeEach(() => {
    project = makeTempProject();
    fs.mkdirSync(path.join(project.root, 'pids'));
  });
  afterEach(async () => {
    for (const run of runs.splice(0)) await stopCli(run);
    // Whatever a failed test left, it carries the config's mark.
    for (const pid of findByEnvironment(`${CONFIG_VAR}=${project.configFile}`)) process.kill(pid, 'SIGKILL');
    project.remove();
  });
  const up = (...args: string[]): CliRun => {
    const run = runCli(['up', ...args], project.root);
    runs.push(run);
    return run;
  };
  const marked = (): number[] => findByEnvironment(`${CONFIG_VAR}=${project.configFile}`).filter(isAlive);

  it('regression: SIGHUP stops every tree', async () => {
    project.writeConfig({ processes: { a: { command: pidWriter('a') }, b: { command: pidWriter('b') } } });
    const run = up();
    await run.waitForOutput(/^a\s*\| ── started/m);
    await run.waitForOutput(/^b\s*\| ── started/m);
    await waitFor(() => marked().length >= 2, { message: 'both processes marked' });

    run.child.kill('SIGHUP');
    const { code } = await run.exited;

    assert.equal(code, 0, run.stdout() + run.stderr());
    assert.deepEqual(marked(), []);
  });

  it('regression: Ctrl-C during start-up stops what has spawned and starts nothing more', async () => {
    const processes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, { command: pidWriter(`p${i}`) }]));
    project.writeConfig({ processes });
    const run = up();
    // The first child to run tells us; its siblings are still being spawned.
    const pidsDir = path.join(project.root, 'pids');
    await waitFor(() => fs.readdirSync(pidsDir).length > 0, { timeoutMs: 15_000, message: 'a first child' });
    run.child.kill('SIGINT');

    const { code, signal } = await run.exited;

    assert.deepEqual({ code, signal }, { code: 0, signal: null }, run.stdout() + run.stderr());
    assert.deepEqual(marked(), []);
    const written = fs.readdirSync(pidsDir).map((name) => Number(fs.readFileSync(path.join(pidsDir, name), 'utf8')));
    assert.deepEqual(written.filter(isAlive), []);
  });

  it('regression: a supervisor killed with SIGKILL leaves nothing that the next start does not stop first', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const server = (port: number): string[] => ['node', path.resolve(__dirname, '../../../../test/fixtures/ready-server.js'), String(port)];
    project.writeConfig({ processes: { api: { command: server(portA) }, web: { command: server(portB) }, worker: { command: pidWriter('worker') } } });
    const first = up();
    await first.waitForOutput(/^api\s*\| ready/m);
    await first.waitForOutput(/^web\s*\| ready/m);
    await waitFor(() => marked().length >= 3, { message: 'three processes marked' });
    const orphans = marked();
    first.child.kill('SIGKILL');
    await first.exited;
    assert.deepEqual(orphans.filter(isAlive), orphans, 'SIGKILL leaves them running');

    const second = up();
    await second.waitForOutput(/^api\s*\| ready/m);
    await second.waitForOutput(/^web\s*\| ready/m);

    const out = second.stdout();
    const note = /^procs\s*\| stopped 3 processes left by an earlier run that ended abruptly: (.*)$/m.exec(out);
    assert.ok(note, out);
    assert.deepEqual(note[1].split(', ').map((entry) => entry.replace(/ \(pid \d+\)$/, '')).sort(), ['api', 'web', 'worker']);
    assert.ok(out.indexOf(note[0]) < out.search(/── started/), 'reported before anything starts');
    assert.deepEqual(orphans.filter(isAlive), []);
    assert.doesNotMatch(out, /EADDRINUSE/);
  });
});
