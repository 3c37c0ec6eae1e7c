import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import { SELF_ID, SUPERVISOR_VAR } from '../../src/core/process/runMarks';
import { findByEnvironment, isDead, parseEnviron, readEnviron, readStat } from '../../src/core/system/procTable';
import type { Supervisor } from '../../src/core/supervisor';
import { describeIn, firstFolder, fixtureSupervisor, isAlive, pidOf, procsApi, recordPids, waitFor, waitForStatus } from './fixtures/kit';

/**
 * Two launches on one workspace copy (fixtures/hostkill, with procs.startOnOpen), run in order by the
 * harness (scripts/lib/hostKill.mjs). In `hostkill-before` the processes start, this suite writes them
 * to $PROCS_HOSTKILL_RECORD and the harness SIGKILLs the extension host, so deactivate() never runs
 * and they are left running. In `hostkill-after` the new host must stop them before it starts its own.
 */
const RECORD = process.env.PROCS_HOSTKILL_RECORD ?? '';
const PORT = Number(process.env.PROCS_TEST_PORT);

/** A process, named for life by its pid and start time (a pid may be reused once it is gone). */
interface Member {
  pid: number;
  ticks: number;
}

/** What launch A hands to the harness (which kills `hostPid`) and to launch B. Read by hostKill.mjs too. */
interface HostKillRecord {
  hostPid: number;
  supervisor: string;
  port: number;
  processes: { name: string; pid: number; members: Member[] }[];
}

/** Every process this host started, its forks included: what carries our PROCS_SUPERVISOR mark. */
function ours(): (Member & { name: string })[] {
  return findByEnvironment(`${SUPERVISOR_VAR}=${SELF_ID}`).flatMap((pid) => {
    const environ = readEnviron(pid);
    const info = readStat(pid);
    return environ && info && !isDead(info) ? [{ name: parseEnviron(environ).get('PROCS_NAME') ?? '?', pid, ticks: info.startTicks }] : [];
  });
}

/** The reply of whatever listens on the port; retried while nothing listens yet. */
async function ask(port: number, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<string>((resolve, reject) => {
        let reply = '';
        const socket = net.connect(port, '127.0.0.1');
        socket.setEncoding('utf8');
        socket.setTimeout(2000, () => socket.destroy(new Error(`no reply on port ${port}`)));
        socket.on('data', (chunk: string) => (reply += chunk));
        socket.on('end', () => resolve(reply));
        socket.on('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function waitAllRunning(supervisor: Supervisor): Promise<void> {
  assert.deepStrictEqual(supervisor.processes.map((managed) => managed.name).sort(), ['server', 'tree', 'worker']);
  // procs.startOnOpen starts them as the folder loads: nothing is started by hand in either launch.
  for (const managed of supervisor.processes) await waitForStatus(supervisor, managed.name, 'running');
  // `tree` is a shell with two node children: all three are members of its run.
  await waitFor(() => ours().filter((member) => member.name === 'tree').length === 3, { message: 'tree and its two children' });
}

describeIn('hostkill-before')('extension host SIGKILLed mid-run (launch A)', () => {
  it('starts every process and records them; the harness then SIGKILLs this host', async function () {
    this.timeout(120_000);
    assert.ok(RECORD && PORT > 0, 'this launch needs PROCS_HOSTKILL_RECORD and PROCS_TEST_PORT');
    const supervisor = await fixtureSupervisor(await procsApi());
    await waitAllRunning(supervisor);
    assert.strictEqual(await ask(PORT), String(pidOf(supervisor, 'server')), `our server must hold port ${PORT}`);

    const members = ours();
    const record: HostKillRecord = {
      hostPid: process.pid,
      supervisor: SELF_ID,
      port: PORT,
      processes: supervisor.processes.map((managed) => ({
        name: managed.name,
        pid: pidOf(supervisor, managed.name),
        members: members.filter((member) => member.name === managed.name).map(({ pid, ticks }) => ({ pid, ticks })),
      })),
    };
    // Renamed into place: the harness kills the host as soon as the file exists, so it must be whole.
    fs.writeFileSync(`${RECORD}.tmp`, JSON.stringify(record, null, 2));
    fs.renameSync(`${RECORD}.tmp`, RECORD);
    // The kill comes within a second; only if it never does does this test end (and fail).
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    assert.fail('the harness did not SIGKILL the extension host within 60 s of the record');
  });
});

describeIn('hostkill-after')('after a SIGKILLed extension host (launch B)', () => {
  it("regression: a SIGKILLed extension host's processes are stopped and reported before new ones start", async () => {
    const before = JSON.parse(fs.readFileSync(RECORD, 'utf8')) as HostKillRecord;
    const api = await procsApi();
    const leftovers = api.leftoversFor(firstFolder().uri);
    assert.ok(leftovers, 'no leftovers reported for the folder, though launch A left its processes running');

    // Exactly launch A's runs: its name, its root and every member of each.
    const runs = (list: { name: string; pid: number; pids: number[] }[]) =>
      list.map(({ name, pid, pids }) => ({ name, pid, pids: [...pids].sort((a, b) => a - b) })).sort((a, b) => a.name.localeCompare(b.name));
    const expected = before.processes.map(({ name, pid, members }) => ({ name, pid, pids: members.map((member) => member.pid) }));
    assert.deepStrictEqual(runs(leftovers.list), runs(expected));

    // Gone by the time the folder is ready: a zombie counts as gone (dead, only not reaped yet), and a
    // pid that names a process started since is another process.
    const survivors = before.processes.flatMap((run) => run.members).filter((member) => {
      const info = readStat(member.pid);
      return info !== undefined && !isDead(info) && info.startTicks === member.ticks;
    });
    assert.deepStrictEqual(survivors, [], 'processes of the killed host are still alive');
    assert.deepStrictEqual(findByEnvironment(`${SUPERVISOR_VAR}=${before.supervisor}`).filter(isAlive), [], 'a process marked by the killed host still runs');

    const supervisor = await fixtureSupervisor(api);
    await waitAllRunning(supervisor);
    // The harness checks these are gone once this host shuts down normally.
    recordPids(ours().map((member) => member.pid));
    for (const managed of supervisor.processes) {
      const { startedAt } = managed.state;
      assert.ok(startedAt !== undefined && startedAt >= leftovers.at, `${managed.name} started at ${startedAt}, before the leftovers were stopped (${leftovers.at})`);
    }
    // The port launch A's server held is free again: the new server got it.
    assert.strictEqual(await ask(before.port), String(pidOf(supervisor, 'server')), `port ${before.port} must be served by the new server`);
  });
});
