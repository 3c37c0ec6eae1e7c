import * as assert from 'node:assert/strict';
import { holdersOf, listeningByPid, uniquePorts } from '../../../src/core/system/ports';
import { readIdentity } from '../../../src/core/system/procIdentity';
import { readStat, readTable, readTrees, treeInTable } from '../../../src/core/system/procTable';
import { FixtureChild } from '../health/fixtureChild';
import { freePort } from '../helpers/ports';

const MB = 1024 ** 2;

describe('procTable: usage, identity and ports of real processes', function () {
  afterEach(() => FixtureChild.stopAll());

  it('reads a tree with memory per process, so the sum sees what a child holds', async () => {
    const parent = new FixtureChild('memory-child.js', [96]);
    const [, , holderPid] = await parent.waitForLine(/^holding (\d+) (\d+)$/);
    const [tree] = await readTrees([readStat(Number(holderPid))?.ppid ?? 0]);
    const holder = tree.find((proc) => proc.pid === Number(holderPid));
    assert.ok(holder, `the holder ${holderPid} is in the tree of its parent`);
    assert.ok(holder.rssBytes >= 96 * MB, `the holder's RSS ${holder.rssBytes / MB} MB covers its 96 MB`);
    const sum = tree.reduce((total, proc) => total + proc.rssBytes, 0);
    assert.ok(sum > tree[0].rssBytes + 90 * MB, 'the tree sum is the parent plus the holder');
  });

  it('reads several trees together; from one reading of the table (as without /proc) they are the same trees', async () => {
    const [first, second] = [new FixtureChild('memory-child.js', [8]), new FixtureChild('memory-child.js', [8])];
    const holders = await Promise.all([first, second].map(async (child) => Number((await child.waitForLine(/^holding (\d+) (\d+)$/))[2])));
    const roots = holders.map((pid) => readStat(pid)?.ppid ?? 0);
    const gone = 2 ** 22 + 1;
    const walked = await readTrees([...roots, gone]);
    const pidsOf = (trees: Array<Array<{ pid: number }>>) => trees.map((tree) => tree.map((proc) => proc.pid));
    assert.deepEqual(pidsOf(walked), [[roots[0], holders[0]], [roots[1], holders[1]], []]);
    const table = await readTable();
    assert.deepEqual(pidsOf([...roots, gone].map((root) => treeInTable(root, table))), pidsOf(walked));
  });

  it('names a process by command line and start time, and gives nothing for a pid that is gone', async () => {
    const port = await freePort();
    const squatter = new FixtureChild('squatter.js', [port]);
    const [, pid] = await squatter.waitForLine(/^squatting (\d+)$/);
    const identity = await readIdentity(Number(pid));
    assert.ok(identity?.command.endsWith(`squatter.js ${port}`), identity?.command);
    assert.ok(identity && Math.abs(identity.startedAt - Date.now()) < 60_000, 'started moments ago');
    await squatter.stop();
    assert.equal(await readIdentity(Number(pid)), undefined);
  });

  it('finds listening ports over IPv4 and IPv6 and who holds a port', async () => {
    const [first, second] = [await freePort(), await freePort()];
    const server = new FixtureChild('two-port-server.js', [first, second]);
    const [, pid] = await server.waitForLine(/^first (\d+)$/);
    await server.waitForLine(/^second/);
    const sockets = (await listeningByPid([Number(pid)])).get(Number(pid)) ?? [];
    assert.deepEqual(
      uniquePorts(sockets).map(({ port, address, family }) => ({ port, address, family })),
      [
        { port: first, address: '127.0.0.1', family: 4 },
        { port: second, address: '::1', family: 6 },
      ].sort((a, b) => a.port - b.port),
    );
    assert.deepEqual(await holdersOf(second), [Number(pid)]);
  });
});
