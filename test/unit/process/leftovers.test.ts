import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { isAlive } from '../../../src/core/process/killTree';
import { findLeftovers } from '../../../src/core/process/leftovers';
import { CONFIG_VAR, RUN_VAR, SUPERVISOR_VAR, supervisorId } from '../../../src/core/process/runMarks';
import { findByEnvironment, isDead, readStat } from '../../../src/core/system/procTable';
import { waitFor } from '../helpers/waitFor';

describe('findLeftovers', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.pid && isAlive(child.pid)) child.kill('SIGKILL');
  });

  /** A process of a run, as an earlier supervisor `owner` would have started it for `configFile`. */
  function runMember(configFile: string, owner: string): ChildProcess {
    const env = { ...process.env, [CONFIG_VAR]: configFile, [SUPERVISOR_VAR]: owner, [RUN_VAR]: `${owner}.1`, PROCS_NAME: 'api' };
    const child = spawn('sleep', ['600'], { env, stdio: 'ignore' });
    children.push(child);
    return child;
  }
  /** Once exec'd, the members carry the run's environment: before, a look would find nothing either way. */
  const visible = (configFile: string, count: number) =>
    waitFor(() => findByEnvironment(`${CONFIG_VAR}=${configFile}`).length === count, { message: `${count} marked` });

  it('regression: a supervisor that is a zombie (killed, its parent never reaped it) kept its leftovers from being stopped', async () => {
    // The shell forks a short sleep, then becomes a long one, which never waits: the short one ends
    // as a zombie (after the exec, so the shell cannot have reaped it).
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 600'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const zombie = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString()))));
    await waitFor(() => {
      const info = readStat(zombie);
      return info !== undefined && isDead(info);
    }, { message: 'the zombie' });
    const owner = supervisorId(zombie);
    assert.ok(owner, 'a zombie still has its start time');
    const configFile = `/nonexistent/leftovers-${process.pid}/.procs.json`;
    const member = runMember(configFile, owner);
    await visible(configFile, 1);

    assert.deepEqual(findLeftovers(configFile).map((leftover) => leftover.pid), [member.pid]);
  });

  it('leaves alone what a supervisor that still runs started', async () => {
    const configFile = `/nonexistent/leftovers-${process.pid}-alive/.procs.json`;
    const owner = supervisorId(process.pid);
    assert.ok(owner);
    const member = runMember(configFile, owner);
    // Another supervisor than this one, to be told apart from our own SELF_ID: our parent, mocha's runner or shell, lives.
    const other = supervisorId(process.ppid);
    assert.ok(other);
    const otherMember = runMember(configFile, other);
    await visible(configFile, 2);
    assert.ok([member, otherMember].every((child) => isAlive(child.pid as number)));

    assert.deepEqual(findLeftovers(configFile), []);
  });
});
