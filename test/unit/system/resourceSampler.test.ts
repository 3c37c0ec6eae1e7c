import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linesOf, type OutputLine } from '../../../src/core/process/outputTypes';
import { Supervisor } from '../../../src/core/supervisor';
import { procReader, type ProcReader, type ResourceSample } from '../../../src/core/system/treeSample';
import { FakeClock } from '../helpers/fakeClock';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';
import { upWith } from '../helpers/upWith';

const MB = 1024 ** 2;

/** The real reads, counted: the seam that proves nothing is read while nobody looks. */
function countingReader(): { reader: ProcReader; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    reader: {
      trees: (roots) => ((reads += roots.length), procReader.trees(roots)),
      listening: (pids) => procReader.listening(pids),
      identity: (pid) => procReader.identity(pid),
      executable: (pid) => procReader.executable(pid),
    },
  };
}

describe('resource sampling of real process trees', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  const samples: ResourceSample[] = [];
  const lines: OutputLine[] = [];

  beforeEach(() => {
    project = makeTempProject();
    samples.length = 0;
    lines.length = 0;
  });
  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  const start = async (processes: unknown, options: ConstructorParameters<typeof Supervisor>[0] = { resources: { intervalMs: 100 } }) => {
    supervisor = new Supervisor(options);
    supervisor.resources.onDidSample((batch) => samples.push(...batch));
    supervisor.onOutput(({ blocks }) => lines.push(...linesOf(blocks)));
    await upWith(supervisor, project, processes);
  };
  const sampleOf = (test: (sample: ResourceSample) => boolean, message: string) =>
    waitFor(() => samples.some(test), { timeoutMs: 15_000, message }).then(() => samples.find(test) as ResourceSample);

  it('sums memory over the whole tree and names the child doing the work', async () => {
    await start({ mem: { command: nodeFixture('memory-child.js', 80) } });
    const holdingLine = () => lines.find((line) => /^holding 80 \d+$/.test(line.text));
    const watching = supervisor.resources.watch();
    // Judged on a reading after the child holds its memory: before it, the sum falls short and a booting child's CPU says little.
    await waitFor(() => holdingLine() !== undefined, { timeoutMs: 15_000, message: 'the child to hold 80 MB' });
    const holding = holdingLine() as OutputLine;
    const sample = await sampleOf((s) => s.at > holding.time && s.processCount === 2, 'a reading of the tree of two after that');
    assert.ok(sample.rssBytes > 80 * MB, `the sum holds the child's 80 MB: ${sample.rssBytes} bytes`);
    assert.equal(sample.pid, supervisor.get('mem')?.state.pid);
    assert.equal(sample.worker?.pid, Number(holding.text.split(' ')[2]), 'the worker is the child, not the wrapper');
    assert.match(sample.worker?.command ?? '', /memory-child\.js 80 --child$/);
    watching.dispose();
  });

  it('tells a tree that runs Node, by its binary even under a shell or another title, from one that does not', async () => {
    await start({
      titled: { command: `sh -c 'exec sleep 30' & ${process.execPath} -e "process.title = 'not-a-node-name'; setInterval(() => {}, 1000)"; wait` },
      plain: { command: ['sleep', '30'] },
    });
    const watching = supervisor.resources.watch();
    const titled = await sampleOf((s) => s.name === 'titled' && s.processCount === 3, 'a reading of the shell, sleep and node');
    assert.equal(titled.runsNode, true);
    const plain = await sampleOf((s) => s.name === 'plain', 'a reading of sleep');
    assert.equal(plain.runsNode, false);
    watching.dispose();
  });

  it('reads the table only while someone watches or a limit needs it', async () => {
    const clock = new FakeClock();
    const counted = countingReader();
    await start({ idle: { command: nodeFixture('memory-child.js', 1) } }, { processDeps: { clock }, resources: { reader: counted.reader, intervalMs: 2000 } });
    await waitFor(() => supervisor.get('idle')?.state.status === 'running', { message: 'running' });
    clock.advance(60_000);
    assert.equal(counted.reads(), 0, 'nothing read while nobody looks');
    assert.equal(clock.pending, 0, 'and no timer set');

    const watching = supervisor.resources.watch();
    clock.advance(0);
    await waitFor(() => samples.length === 1, { message: 'the first sample' });
    clock.advance(2000);
    await waitFor(() => samples.length === 2, { message: 'the second sample' });
    watching.dispose();
    const readsWhenHidden = counted.reads();
    clock.advance(60_000);
    assert.equal(counted.reads(), readsWhenHidden, 'no reads once the last watcher left');
    assert.equal(clock.pending, 0);
  });

  it('finds ports of the tree and updates them when the server opens a second one', async () => {
    const [first, second] = [await freePort(), await freePort()];
    const trigger = path.join(project.root, 'open-second');
    await start({ web: { command: nodeFixture('two-port-server.js', first, second, trigger) } });
    const watching = supervisor.resources.watch();
    const firstOnly = await sampleOf((s) => s.ports.length > 0, 'a port');
    assert.deepEqual(firstOnly.ports.map((p) => p.port), [first]);
    fs.writeFileSync(trigger, '');
    const both = await sampleOf((s) => s.ports.length === 2, 'both ports');
    assert.deepEqual(both.ports.map((p) => p.port), [first, second].sort((a, b) => a - b));
    assert.deepEqual(both.ports.map((p) => p.family), [first, second].sort((a, b) => a - b).map((p) => (p === first ? 4 : 6)));
    watching.dispose();
  });
});
