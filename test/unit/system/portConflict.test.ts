import * as assert from 'node:assert/strict';
import type * as FsModule from 'node:fs';
import { createRequire } from 'node:module';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { isAlive } from '../../../src/core/process/killTree';
import type { ProcessState } from '../../../src/core/process/states';
import { Supervisor } from '../../../src/core/supervisor';
import { briefCommand } from '../../../src/core/system/briefCommand';
import { addressInUse, describeConflict, findPortConflict, stopHolder } from '../../../src/core/system/portHolder';
import { FixtureChild } from '../health/fixtureChild';
import { freePort } from '../helpers/ports';
import { fixture } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';
import { upWith } from '../helpers/upWith';

describe('port conflicts: who holds the port a process needs', function () {
  let project: TempProject;
  let supervisor: Supervisor;
  const states: ProcessState[] = [];
  let port: number;
  let squatterPid: number;

  beforeEach(async () => {
    project = makeTempProject();
    states.length = 0;
    supervisor = new Supervisor();
    supervisor.onDidChangeState(({ current }) => states.push(current));
    port = await freePort();
    const squatter = new FixtureChild('squatter.js', [port]);
    squatterPid = Number((await squatter.waitForLine(/^squatting (\d+)$/))[1]);
  });
  afterEach(async () => {
    await supervisor.dispose();
    await FixtureChild.stopAll();
    project.remove();
  });

  const start = (processes: unknown) => upWith(supervisor, project, processes);
  const portState = () => waitFor(() => states.some((s) => s.reason === 'port' && s.status === 'backoff'), { message: 'a port conflict' }).then(() => states.find((s) => s.reason === 'port') as ProcessState);

  it('a run that says EADDRINUSE names the squatter: pid and command line', async () => {
    const listen = `require('net').createServer().listen(${port}, '127.0.0.1')`;
    await start({ web: { command: ['node', '-e', listen], backoff: ['10s'] } });
    const state = await portState();
    assert.equal(state.conflict?.port, port);
    assert.equal(state.conflict?.holder?.pid, squatterPid);
    assert.match(state.conflict?.holder?.command ?? '', new RegExp(`squatter\\.js ${port}$`));
    assert.equal(state.conflict?.procs, undefined, 'the squatter is not one of Procs\' own');
    assert.match(state.message, new RegExp(`port ${port} is held by pid ${squatterPid} \\(.*squatter\\.js ${port}, started just now\\), not by Procs`));
  });

  it('a ready.tcp port taken before the spawn is found before anything is spawned', async () => {
    await start({ db: { command: ['node', fixture('ready-server.js'), String(port)], ready: { tcp: port }, backoff: ['10s'] } });
    const state = await portState();
    assert.equal(state.conflict?.holder?.pid, squatterPid);
    assert.ok(!states.some((s) => s.pid !== undefined), 'nothing was spawned');
  });

  it('regression: every start with a ready.tcp port read the socket tables, blocking for ms', async () => {
    const free = await freePort();
    // The module object itself (an import gives a copy of its getters), so the spy sees every read.
    const fs = createRequire(__filename)('node:fs') as typeof FsModule;
    const tableReads: string[] = [];
    const readFileSync = fs.readFileSync;
    const spy = (file: FsModule.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (String(file).startsWith('/proc/net/tcp')) tableReads.push(String(file));
      return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    };
    (fs as { readFileSync: unknown }).readFileSync = spy;
    try {
      await start({ web: { command: ['node', fixture('ready-server.js'), String(free)], ready: { tcp: free } } });
      await waitFor(() => states.some((s) => s.status === 'running'), { message: 'web ready' });
    } finally {
      (fs as { readFileSync: unknown }).readFileSync = readFileSync;
    }
    assert.deepEqual(tableReads, [], 'a free port is known from a refused connect');
  });

  it('names a holder that Procs started as one of its own', async () => {
    const other = makeTempProject();
    const owner = new Supervisor();
    try {
      const second = await freePort();
      other.writeConfig({ processes: { api: { command: ['node', fixture('ready-server.js'), String(second)], ready: { tcp: second } } } });
      await owner.apply(await loadConfig(other.configFile));
      await owner.up();
      await waitFor(() => owner.get('api')?.state.status === 'running', { message: 'api listening' });
      const conflict = await findPortConflict(second);
      assert.deepEqual(conflict?.procs, { name: 'api', instance: '1', configFile: other.configFile });
    } finally {
      await owner.dispose();
      other.remove();
    }
  });

  it('Stop It refuses a pid whose start time changed, and stops the one the user was shown', async () => {
    const conflict = await findPortConflict(port);
    assert.ok(conflict?.holder);
    const refused = await stopHolder({ ...conflict.holder, startedAt: conflict.holder.startedAt - 1000 });
    assert.equal(refused.ok, false);
    assert.ok(isAlive(squatterPid), 'a changed identity is never signalled');
    assert.deepEqual(await stopHolder(conflict.holder), { ok: true });
    assert.ok(!isAlive(squatterPid));
  });

  it('regression: a conflict message printed an env value a shell had expanded into the holder\'s command line', () => {
    const holder = { pid: 4242, command: '/usr/bin/node /deep/folder/server.js 3000 --token hunter2-from-envfile', startedAt: 0 };
    const own = describeConflict({ port: 3000, holder, procs: { name: 'api', instance: '2', configFile: '/p/.procs.json' } }, 1000);
    const foreign = describeConflict({ port: 3000, holder, procs: undefined }, 1000);
    for (const message of [own, foreign]) assert.doesNotMatch(message, /hunter2/);
    assert.equal(own, 'port 3000 is held by pid 4242 (started just now): Procs\' own "api" (instance 2) of /p/.procs.json');
    assert.equal(foreign, 'port 3000 is held by pid 4242 (node server.js 3000 …, started just now), not by Procs');
  });

  it('shows of a command line its program and script by their file names, and numbers; the rest is "…"', () => {
    assert.equal(briefCommand(`/root/.cache/node-v24/bin/node /a/much/deeper/folder/squatter.js ${port}`), `node squatter.js ${port}`);
    assert.equal(briefCommand('/usr/bin/python3 -m http.server 8000'), 'python3 …');
    assert.equal(briefCommand('postgres'), 'postgres');
    assert.equal(briefCommand('sh -c node server.js --key=abc'), 'sh …');
    assert.equal(briefCommand('node /app/node_modules/.bin/vite --port 5173'), 'node vite …');
    assert.equal(briefCommand('ruby bin/rails server -p 3000'), 'ruby rails …');
    // Not a port, not a script: a secret may look like either of these.
    assert.equal(briefCommand('node server.js 3000 8675309123'), 'node server.js 3000 …');
    assert.equal(briefCommand('node server.js s3cr3t.key alice@example.com'), 'node server.js …');
  });

  it('reads the port from the words servers use', () => {
    assert.deepEqual(addressInUse('Error: listen EADDRINUSE: address already in use :::3000'), { port: 3000 });
    assert.deepEqual(addressInUse('listen tcp 127.0.0.1:8080: bind: address already in use'), { port: 8080 });
    assert.deepEqual(addressInUse('OSError: [Errno 98] Address already in use'), { port: undefined });
    assert.equal(addressInUse('listening on :3000'), undefined);
  });
});
