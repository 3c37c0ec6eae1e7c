import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { systemClock } from '../../../src/core/clock';
import { isAlive } from '../../../src/core/process/killTree';
import { readStat, TICKS_PER_SECOND, type ProcInfo } from '../../../src/core/system/procTable';
import { ResourceSampler, type SampleTarget } from '../../../src/core/system/resourceSampler';
import { procReader, sampleOfTree, type ResourceSample } from '../../../src/core/system/treeSample';
import { FixtureChild } from '../health/fixtureChild';
import { fixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

/** The root of a fixture's tree: the parent of the child that printed its pid. */
const parentOf = (pid: number): number => readStat(pid)?.ppid ?? 0;
const ticksOf = (pid: number): number => readStat(pid)?.cpuTicks ?? 0;
const commandOf = (pid: number): string | undefined => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
};
const names = (samples: readonly ResourceSample[]): string[] => samples.map((s) => s.name).sort();

describe('sampling trees that change between two readings', function () {
  const spawned: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of spawned.splice(0)) if (child.pid && isAlive(child.pid)) child.kill('SIGKILL');
    await FixtureChild.stopAll();
  });

  /** A sampler over real trees, read on demand (`sampleNow`), with every batch it sends out. */
  const samplerOf = (targets: () => SampleTarget[]) => {
    const sampler = new ResourceSampler(targets, systemClock);
    const batches: ResourceSample[][] = [];
    sampler.onDidSample((batch) => batches.push(batch));
    return { sampler, batches };
  };

  it('a tree whose root exited since the last reading gets no sample, and the others are still sampled', async () => {
    const spin = new FixtureChild('cpu-spinner.js', []);
    const spinner = Number((await spin.waitForLine(/^spinning (\d+)$/))[1]);
    const mem = new FixtureChild('memory-child.js', [8]);
    const holder = Number((await mem.waitForLine(/^holding 8 (\d+)$/))[1]);
    const targets = [
      { name: 'spin', pid: parentOf(spinner), limited: false },
      { name: 'mem', pid: parentOf(holder), limited: false },
    ];
    const { sampler, batches } = samplerOf(() => targets);
    assert.deepEqual(names(await sampler.sampleNow()), ['mem', 'spin']);

    // The Supervisor has not heard of the exit yet: the gone run is still a target.
    await mem.stop();
    const before = ticksOf(spinner);
    await waitFor(() => ticksOf(spinner) >= before + 5, { message: 'the spinner to use CPU since the first reading' });
    const second = await sampler.sampleNow();

    assert.deepEqual(names(second), ['spin'], 'no reading of the gone tree, not a wrong one');
    assert.deepEqual(names(batches[1]), ['spin'], 'and none goes out');
    const sample = second[0];
    assert.equal(sample.processCount, 2);
    assert.ok(sample.cpuPercent !== undefined && sample.cpuPercent > 0, `the spinner's CPU is counted: ${sample.cpuPercent}`);
    assert.equal(sample.worker?.pid, spinner);
  });

  it('a zombie root (exited, not yet reaped) is a gone tree: no sample, no exception', async () => {
    // `sleep` never reaps the child the shell left it. That child (`head`) exits when fd 3 ends, which the
    // test ends once `sleep` runs: had it exited before the exec, the shell might have reaped it.
    const shell = spawn('sh', ['-c', 'head -c 1 <&3 >/dev/null & echo $!; exec sleep 300 3<&-'], { stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
    spawned.push(shell);
    let out = '';
    shell.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => /^\d+\n/.test(out) && commandOf(shell.pid as number) === 'sleep 300', { message: 'the shell to become sleep' });
    const zombie = Number(out.trim());
    (shell.stdio[3] as Writable).end();
    await waitFor(() => readStat(zombie)?.state === 'Z', { message: `pid ${zombie} to be a zombie` });
    const mem = new FixtureChild('memory-child.js', [8]);
    const holder = Number((await mem.waitForLine(/^holding 8 (\d+)$/))[1]);

    const { sampler } = samplerOf(() => [
      { name: 'zombie', pid: zombie, limited: false },
      { name: 'mem', pid: parentOf(holder), limited: false },
    ]);
    const samples = await sampler.sampleNow();
    assert.deepEqual(names(samples), ['mem']);
    assert.equal(samples[0].processCount, 2);
    assert.equal(sampler.latest('zombie'), undefined);
  });

  it('a child that exited since the last reading leaves the survivors\' CPU, counted from their own baselines', async () => {
    // A root with two spinners; each spinner exits once the root is gone (noticed from its "spinning" line on).
    const script =
      "const { spawn } = require('child_process');" +
      `[0, 1].map(() => spawn(process.execPath, [${JSON.stringify(fixture('cpu-spinner.js'))}, '--direct', '--child', String(process.pid)], { stdio: ['ignore', 'inherit', 'inherit'] }));` +
      'setInterval(() => {}, 1 << 30);';
    const root = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    spawned.push(root);
    let out = '';
    root.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => (out.match(/^spinning \d+$/gm) ?? []).length === 2, { message: 'both spinners spinning' });
    const [gone, survivor] = [...out.matchAll(/^spinning (\d+)$/gm)].map((m) => Number(m[1]));
    const { sampler } = samplerOf(() => [{ name: 'spin', pid: root.pid as number, limited: false }]);
    const [first] = await sampler.sampleNow();
    assert.equal(first.processCount, 3);

    process.kill(gone, 'SIGKILL');
    await waitFor(() => readStat(gone) === undefined, { message: `spinner ${gone} reaped` });
    const before = ticksOf(survivor);
    await waitFor(() => ticksOf(survivor) >= before + 5, { message: 'the survivor to use CPU' });
    const [second] = await sampler.sampleNow();
    assert.equal(second.processCount, 2, 'the gone child is not counted');
    assert.ok(second.cpuPercent !== undefined && second.cpuPercent > 0, `the survivor's CPU is counted: ${second.cpuPercent}`);
    assert.equal(second.worker?.pid, survivor, 'the busiest of those seen both times does the work');
  });
});

describe('CPU baselines are per process, not per pid', function () {
  afterEach(() => FixtureChild.stopAll());

  /** A real tree of two (memory-child's wrapper and holder), read once. */
  const realTree = async (): Promise<{ tree: ProcInfo[]; child: number }> => {
    const mem = new FixtureChild('memory-child.js', [8]);
    const child = Number((await mem.waitForLine(/^holding 8 (\d+)$/))[1]);
    const [tree] = await procReader.trees([parentOf(child)]);
    assert.deepEqual(tree.map((proc) => proc.pid), [parentOf(child), child]);
    return { tree, child };
  };
  /** % of one core that `ticks` over `ms` make. */
  const percent = (ticks: number, ms: number): number => ((ticks * 1000) / TICKS_PER_SECOND / ms) * 100;

  it('a pid reused by a process with another start does not inherit the old one\'s ticks', async () => {
    const { tree, child } = await realTree();
    const first = await sampleOfTree(procReader, 'mem', tree, new Map(), 1_000_000, undefined);
    assert.equal(first.sample.cpuPercent, undefined, 'no baseline yet');

    // Control: the same processes, 30 ticks more for the wrapper and 500 for the child.
    const later = (proc: ProcInfo): ProcInfo => ({ ...proc, cpuTicks: proc.cpuTicks + (proc.pid === child ? 500 : 30) });
    const same = await sampleOfTree(procReader, 'mem', tree.map(later), new Map(), 1_001_000, first.ticks);
    assert.equal(same.sample.cpuPercent, percent(530, 1000));
    assert.equal(same.sample.worker?.pid, child, 'the busy child does the work');

    // The child's pid now names another process (a later start): its ticks are its own, none since a baseline.
    const reused = tree.map((proc) => (proc.pid === child ? { ...later(proc), startTicks: proc.startTicks + 1 } : later(proc)));
    const next = await sampleOfTree(procReader, 'mem', reused, new Map(), 1_001_000, first.ticks);
    assert.equal(next.sample.cpuPercent, percent(30, 1000), 'only the wrapper\'s 30 ticks count');
    assert.equal(next.sample.worker, undefined, 'the new process is not the busiest: the root itself is');
    assert.equal(next.ticks.ticks.size, 2, 'the new process is the baseline of the next reading');
  });

  it('a reused root pid starts from no baseline either, and the next reading counts from the new one', async () => {
    const { tree } = await realTree();
    const first = await sampleOfTree(procReader, 'mem', tree, new Map(), 1_000_000, undefined);
    const reborn = tree.map((proc, i) => ({ ...proc, cpuTicks: proc.cpuTicks + 200, startTicks: i === 0 ? proc.startTicks + 100 : proc.startTicks }));
    const second = await sampleOfTree(procReader, 'mem', reborn, new Map(), 1_002_000, first.ticks);
    assert.equal(second.sample.cpuPercent, percent(200, 2000), 'the child\'s 200 ticks only');
    const third = await sampleOfTree(procReader, 'mem', reborn.map((proc) => ({ ...proc, cpuTicks: proc.cpuTicks + 10 })), new Map(), 1_003_000, second.ticks);
    assert.equal(third.sample.cpuPercent, percent(20, 1000), 'from the new root\'s own baseline on');
  });
});
