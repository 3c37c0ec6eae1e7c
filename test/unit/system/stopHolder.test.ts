import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { isAlive, killTree as realKillTree, type KillTreeFn } from '../../../src/core/process/killTree';
import { findPortConflict, stopHolder } from '../../../src/core/system/portHolder';
import type { ProcIdentity } from '../../../src/core/system/procIdentity';
import { readStat, readTable, TICKS_PER_SECOND } from '../../../src/core/system/procTable';
import { freePort, isPortFree } from '../helpers/ports';
import { fixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

/** A squatter tree (squatter-tree.js): the holder of `port` and a child of its own. */
interface SquatterTree {
  process: ChildProcess;
  holder: number;
  child: number;
}

describe('Stop It: stopping the holder of a port, only if it is still the process the user was shown', function () {
  const trees: SquatterTree[] = [];
  let port: number;

  beforeEach(async () => (port = await freePort()));
  afterEach(() => {
    for (const { holder, child } of trees.splice(0)) for (const pid of [holder, child]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  const startTree = async ({ detached = false } = {}): Promise<SquatterTree> => {
    const started = spawn(process.execPath, [fixture('squatter-tree.js'), String(port)], { detached, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => /^squatting \d+ \d+\n/.test(out), { message: `the squatter tree on ${port} (printed: ${out})` });
    const [holder, child] = out.trim().split(' ').slice(1).map(Number);
    const tree = { process: started, holder, child };
    trees.push(tree);
    return tree;
  };
  /** Who holds the port, as the conflict shown to the user names it. */
  const shown = async (): Promise<ProcIdentity> => {
    const holder = (await findPortConflict(port))?.holder;
    assert.ok(holder, `a holder of ${port} is seen`);
    return holder;
  };
  const assertUntouched = async (tree: SquatterTree) => {
    assert.ok(isAlive(tree.holder), 'the holder was not signalled');
    assert.ok(isAlive(tree.child), 'nor its child');
    assert.equal((await findPortConflict(port))?.holder?.pid, tree.holder, 'the port is still held');
  };

  it('refuses a holder whose command line is not the one shown, and signals nothing', async () => {
    const tree = await startTree();
    const identity = await shown();
    assert.equal(identity.pid, tree.holder);
    const refused = await stopHolder({ ...identity, command: `${identity.command.slice(0, -String(port).length)}${port + 1}` });
    assert.equal(refused.ok, false);
    await assertUntouched(tree);
  });

  it('refuses a holder started one clock tick later than the one shown, and signals nothing', async () => {
    const tree = await startTree();
    const identity = await shown();
    const refused = await stopHolder({ ...identity, startedAt: identity.startedAt + 1000 / TICKS_PER_SECOND });
    assert.equal(refused.ok, false);
    await assertUntouched(tree);
  });

  it('refuses a pid that has exited since it was shown', async () => {
    const tree = await startTree();
    const identity = await shown();
    process.kill(tree.holder, 'SIGKILL');
    await waitFor(() => !isAlive(tree.holder), { message: 'the holder gone' });
    const refused = await stopHolder(identity);
    assert.equal(refused.ok, false);
    assert.ok(isAlive(tree.child), 'its orphaned child was not signalled either');
  });

  it('stops the holder the user was shown, tree and all, when it leads no process group', async () => {
    const tree = await startTree();
    assert.notEqual(readStat(tree.holder)?.pgid, tree.holder, 'started without a group of its own, as from a shell');
    assert.deepEqual(await stopHolder(await shown()), { ok: true });
    assert.ok(!isAlive(tree.holder), 'the holder is gone');
    assert.ok(!isAlive(tree.child), 'and its child, which would have outlived it');
    await waitFor(() => tree.process.signalCode !== null, { message: 'the holder\'s exit' });
    assert.equal(tree.process.signalCode, 'SIGTERM', 'asked to stop, not killed after the grace');
    assert.ok(await isPortFree(port), 'the port is free');
    assert.equal(await findPortConflict(port), undefined);
  });

  it('regression: Stop It on a holder that leads no group orphaned its child when the holder died before its tree was read', async () => {
    const tree = await startTree();
    // The tree is read a moment after Stop It was confirmed: the holder had been signalled before, and its child was lost.
    const lateKillTree: KillTreeFn = async (pid, options) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return realKillTree(pid, options);
    };
    assert.deepEqual(await stopHolder(await shown(), lateKillTree), { ok: true });
    assert.ok(!isAlive(tree.holder), 'the holder is gone');
    assert.ok(!isAlive(tree.child), 'and its child');
  });

  it('stops the holder the user was shown, tree and all, when it leads its own process group', async () => {
    const tree = await startTree({ detached: true });
    assert.equal(readStat(tree.holder)?.pgid, tree.holder);
    assert.deepEqual(await stopHolder(await shown()), { ok: true });
    assert.ok(!isAlive(tree.holder));
    assert.ok(!isAlive(tree.child));
    await waitFor(() => tree.process.signalCode !== null, { message: 'the holder\'s exit' });
    assert.equal(tree.process.signalCode, 'SIGTERM');
    assert.ok(await isPortFree(port));
  });

  it('regression: Stop It signalled the rest of the holder\'s process group, which is not its tree', async () => {
    // As from an interactive shell, `server | sleep`: one job, one group, led by the holder; sleep is no child of it.
    const job = `exec 3>&1; set -m; "${process.execPath}" "${fixture('squatter-tree.js')}" ${port} >&3 | sleep 600 & wait`;
    const shell = spawn('bash', ['-c', job], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => /^squatting \d+ \d+\n/.test(out), { message: `the squatter job on ${port}` });
    const [holder, child] = out.trim().split(' ').slice(1).map(Number);
    trees.push({ process: shell, holder, child });
    const bystanders = (await readTable()).filter((info) => info.pgid === holder && info.pid !== holder && info.pid !== child && info.ppid !== holder);
    assert.equal(bystanders.length, 1, 'sleep shares the holder\'s group');
    const [bystander] = bystanders;
    try {
      assert.deepEqual(await stopHolder(await shown()), { ok: true });
      assert.ok(!isAlive(holder), 'the holder is gone');
      assert.ok(!isAlive(child), 'and its child');
      assert.ok(isAlive(bystander.pid), 'the other member of its group was not signalled');
    } finally {
      if (isAlive(bystander.pid)) process.kill(bystander.pid, 'SIGKILL');
      shell.kill('SIGKILL');
    }
  });
});
