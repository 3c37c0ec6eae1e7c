import * as assert from 'node:assert/strict';
import { briefCommand } from '../../../src/core/system/briefCommand';
import { readIdentity } from '../../../src/core/system/procIdentity';
import { FixtureChild } from '../health/fixtureChild';
import { runCli, useCliProject } from '../helpers/cliProcess';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('procs up prints why a process restarts', function () {
  const cli = useCliProject();
  afterEach(async () => {
    await FixtureChild.stopAll();
  });

  it('a tree over its memory limit: the restart line names the usage and the limit, and a new run starts', async () => {
    cli.project.writeConfig({ processes: { mem: { command: nodeFixture('memory-child.js', 64), limits: { memory: '32MB' }, backoff: ['50ms'] } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^mem\s*\| ── memory (\d+) MB over its 32 MB limit · restarting in 0\.05 s ──$/m);
    const used = Number(/── memory (\d+) MB over its/.exec(cli.run.stdout())?.[1]);
    assert.ok(used > 32, `the usage named is over the limit: ${used} MB`);
    await cli.run.waitForOutput(/^mem\s*\| ── started · pid \d+ ──$[\s\S]*^mem\s*\| ── started · pid \d+ ──$/m);
    const pids = [...cli.run.stdout().matchAll(/^mem\s*\| ── started · pid (\d+) ──$/gm)].map((m) => Number(m[1]));
    assert.notEqual(pids[1], pids[0], 'the restart is a new run');
    const lines = cli.run.stdout().split('\n');
    const limitAt = lines.findIndex((line) => /── memory \d+ MB over its 32 MB limit/.test(line));
    assert.ok(lines.findIndex((line) => /── started · pid/.test(line)) < limitAt, 'the limit line comes after the first start');
    cli.run.child.kill('SIGINT');
    assert.equal((await cli.run.exited).code, 0, cli.run.stderr());
  });

  it('a ready.tcp port held by another process: the line names the holder\'s pid and command, and nothing is spawned', async () => {
    const port = await freePort();
    const squatter = new FixtureChild('squatter.js', [port]);
    const squatterPid = Number((await squatter.waitForLine(/^squatting (\d+)$/))[1]);
    cli.project.writeConfig({ processes: { db: { command: nodeFixture('ready-server.js', port), ready: { tcp: port }, backoff: ['10s'] } } });
    cli.run = runCli(['up'], cli.project.root);
    const command = briefCommand((await readIdentity(squatterPid))?.command ?? '?');
    assert.equal(command, `node squatter.js ${port}`);
    const held = `port ${port} is held by pid ${squatterPid} (${command}, started just now), not by Procs`;
    await cli.run.waitForOutput(new RegExp(`^db\\s*\\| ── ${escape(held)} · restarting in 10 s ──$`, 'm'));
    assert.doesNotMatch(cli.run.stdout(), /── started · pid/, 'nothing was spawned');
    cli.run.child.kill('SIGINT');
    assert.equal((await cli.run.exited).code, 0, cli.run.stderr());
  });
});
