import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { readStat } from '../../../src/core/system/procTable';
import { FixtureChild } from '../health/fixtureChild';
import { freePort } from '../helpers/ports';

const MB = 1024 ** 2;
const CORE = path.resolve(__dirname, '../../../src/core');
/** nobody: a user that owns none of the test's processes. */
const NOBODY = 65534;

// Samples the given targets and looks up the port's holder, as whichever user runs it, and prints
// what it found as JSON. Run as nobody, every /proc entry of the test's (root's) processes that is
// private to their owner (fd, exe, environ) is unreadable to it; stat, cmdline and children are not.
const READER = `
const { ResourceSampler } = require(${JSON.stringify(`${CORE}/system/resourceSampler.js`)});
const { findPortConflict } = require(${JSON.stringify(`${CORE}/system/portHolder.js`)});
const { systemClock } = require(${JSON.stringify(`${CORE}/clock.js`)});
const [targets, port] = JSON.parse(process.argv[1]);
(async () => {
  const samples = await new ResourceSampler(() => targets, systemClock).sampleNow();
  const conflict = await findPortConflict(port);
  process.stdout.write(JSON.stringify({ uid: process.getuid(), samples, conflict: conflict ?? null }));
})().catch((error) => {
  console.error(error.stack);
  process.exit(1);
});
`;

interface ReaderResult {
  code: number | null;
  stderr: string;
  found: { uid: number; samples: Array<{ name: string; pid: number; rssBytes: number; processCount: number; ports: Array<{ port: number }>; runsNode?: boolean }>; conflict: { port: number; holder?: { pid: number; command: string }; procs?: unknown } | null };
}

function readAs(uid: number, input: unknown): Promise<ReaderResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', READER, JSON.stringify(input)], { uid, gid: uid, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code) => resolve({ code, stderr: err, found: out ? JSON.parse(out) : undefined }));
  });
}

describe('another user\'s processes, whose private /proc entries cannot be read', function () {
  before(function () {
    // Only root can start the reader as another user; as root, it is the test's processes that are another user's.
    if (process.getuid?.() !== 0) this.skip();
  });
  afterEach(() => FixtureChild.stopAll());

  it('the sampler still reads their memory and processes, without ports or a binary it cannot see, and the holder of a port is unseen', async () => {
    const port = await freePort();
    const squatter = new FixtureChild('squatter.js', [port]);
    const squatterPid = Number((await squatter.waitForLine(/^squatting (\d+)$/))[1]);
    const mem = new FixtureChild('memory-child.js', [24]);
    const holder = Number((await mem.waitForLine(/^holding 24 (\d+)$/))[1]);
    const targets = [
      { name: 'squatter', pid: squatterPid, limited: false },
      { name: 'mem', pid: readStat(holder)?.ppid, limited: false },
    ];

    // Control: as the owner, every entry is readable.
    const own = await readAs(0, [targets, port]);
    assert.equal(own.code, 0, own.stderr);
    const ownSquatter = own.found.samples.find((s) => s.name === 'squatter');
    assert.deepEqual(ownSquatter?.ports.map((p) => p.port), [port]);
    assert.equal(ownSquatter?.runsNode, true);
    assert.equal(own.found.conflict?.holder?.pid, squatterPid);

    const other = await readAs(NOBODY, [targets, port]);
    assert.equal(other.code, 0, `no exception: ${other.stderr}`);
    assert.equal(other.stderr, '');
    assert.equal(other.found.uid, NOBODY);
    const bySample = new Map(other.found.samples.map((s) => [s.name, s]));
    assert.deepEqual([...bySample.keys()].sort(), ['mem', 'squatter'], 'both trees are sampled');
    const squatterSample = bySample.get('squatter');
    assert.equal(squatterSample?.processCount, 1);
    assert.ok((squatterSample?.rssBytes ?? 0) > 0, 'memory is read from the world-readable stat');
    assert.deepEqual(squatterSample?.ports, [], 'its open files are not ours to read: no ports, not a wrong one');
    assert.equal(squatterSample?.runsNode, undefined, 'nor its binary: whether it is Node is not known');
    const memSample = bySample.get('mem');
    assert.equal(memSample?.processCount, 2, 'the tree is walked through the readable children lists');
    assert.ok((memSample?.rssBytes ?? 0) > 24 * MB, `the child's 24 MB count: ${memSample?.rssBytes}`);
    assert.deepEqual(other.found.conflict, { port }, 'the port is known taken, by a holder that cannot be seen');
  });
});
