import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { Supervisor } from '../../../src/core/supervisor';
import { isAlive as pidAlive } from '../../../src/core/process/killTree';
import { IDLE_COMMAND, makeTempProject, type TempProject } from '../helpers/tempProject';
import { waitFor } from '../helpers/waitFor';

describe('Supervisor', function () {
  let project: TempProject;
  let supervisor: Supervisor;

  beforeEach(() => {
    project = makeTempProject();
    supervisor = new Supervisor();
  });

  afterEach(async () => {
    await supervisor.dispose();
    project.remove();
  });

  const applyConfig = async (config: unknown) => {
    project.writeConfig(config);
    return supervisor.apply(await loadConfig(project.configFile));
  };
  const pidOf = (name: string): number => {
    const pid = supervisor.get(name)?.state.pid;
    assert.ok(pid, `${name} has a pid`);
    return pid;
  };
  const waitRunning = (...names: string[]) =>
    waitFor(() => names.every((name) => supervisor.get(name)?.state.status === 'running'), {
      timeoutMs: 10000,
      message: `${names.join(', ')} running`,
    });

  it('apply() starts added, stops removed and restarts changed processes, leaving the rest alone', async () => {
    await applyConfig({
      processes: {
        same: { command: IDLE_COMMAND },
        changed: { command: IDLE_COMMAND, env: { MODE: 'one' } },
        removed: { command: IDLE_COMMAND },
        onDemand: { command: IDLE_COMMAND, autostart: false },
      },
    });
    await supervisor.up();
    await waitRunning('same', 'changed', 'removed');
    assert.equal(supervisor.get('onDemand')?.state.status, 'stopped');
    const before = { same: pidOf('same'), changed: pidOf('changed'), removed: pidOf('removed') };

    const report = await applyConfig({
      processes: {
        same: { command: IDLE_COMMAND },
        changed: { command: IDLE_COMMAND, env: { MODE: 'two' } },
        onDemand: { command: IDLE_COMMAND, autostart: false },
        added: { command: IDLE_COMMAND },
      },
    });

    assert.deepEqual(report.started, ['added']);
    assert.deepEqual(report.restarted, ['changed']);
    assert.deepEqual(report.stopped, ['removed']);
    await waitRunning('same', 'changed', 'added');
    assert.equal(pidOf('same'), before.same, 'unchanged process keeps its pid');
    assert.notEqual(pidOf('changed'), before.changed, 'changed process has a new pid');
    assert.equal(pidAlive(before.changed), false, 'old tree of the changed process is gone');
    assert.equal(pidAlive(before.removed), false, 'removed process is gone');
    assert.equal(supervisor.get('removed'), undefined);
    assert.equal(supervisor.get('onDemand')?.state.status, 'stopped', 'on-demand process was not started');
    assert.deepEqual(
      supervisor.processes.map((process) => process.name),
      ['same', 'changed', 'onDemand', 'added'],
      'processes follow config order',
    );
  });

  it('does not apply a config with errors: everything keeps running on the last good one', async () => {
    await applyConfig({ processes: { api: { command: IDLE_COMMAND } } });
    await supervisor.up();
    await waitRunning('api');
    const pid = pidOf('api');

    project.write('.procs.json', '{ "processes": { "api": { "command": 42 } } }');
    const report = await supervisor.apply(await loadConfig(project.configFile));

    assert.equal(report.applied, false);
    assert.ok(report.problems.some((problem) => problem.severity === 'error' && problem.path === 'processes.api.command'));
    assert.equal(supervisor.get('api')?.state.status, 'running');
    assert.equal(pidOf('api'), pid);
    assert.deepEqual(supervisor.config?.processes.map((spec) => spec.command), [IDLE_COMMAND]);
  });

  describe('a reload and what was not running', () => {
    it('regression: a change to a process stopped by hand started it again', async () => {
      await applyConfig({ processes: { api: { command: IDLE_COMMAND }, web: { command: IDLE_COMMAND } } });
      await supervisor.up();
      await waitRunning('api', 'web');
      await supervisor.stop(['web']);

      const report = await applyConfig({ processes: { api: { command: IDLE_COMMAND }, web: { command: IDLE_COMMAND, env: { MODE: 'two' } } } });

      assert.deepEqual([report.started, report.restarted], [[], []]);
      assert.equal(supervisor.get('web')?.state.status, 'stopped');
    });

    it('regression: under `procs up api` a reload started the process it added', async () => {
      await applyConfig({ processes: { api: { command: IDLE_COMMAND }, web: { command: IDLE_COMMAND } } });
      await supervisor.up(['api']);
      await waitRunning('api');

      const report = await applyConfig({ processes: { api: { command: IDLE_COMMAND }, web: { command: IDLE_COMMAND }, worker: { command: IDLE_COMMAND } } });

      assert.deepEqual(report.started, []);
      assert.deepEqual(['web', 'worker'].map((name) => supervisor.get(name)?.state.status), ['stopped', 'stopped']);
    });

    it('regression: a reload that gave a running process a new dependency left it waiting for one nobody started', async () => {
      await applyConfig({ processes: { api: { command: IDLE_COMMAND }, web: { command: IDLE_COMMAND } } });
      await supervisor.up(['api']);
      await waitRunning('api');

      const report = await applyConfig({
        processes: { api: { command: IDLE_COMMAND, dependsOn: ['db'] }, db: { command: IDLE_COMMAND, autostart: false }, web: { command: IDLE_COMMAND } },
      });

      assert.deepEqual([report.restarted, report.started], [['api'], ['db']]);
      await waitRunning('db', 'api');
      assert.equal(supervisor.get('web')?.state.status, 'stopped', 'what api does not need stays stopped');
    });

    it('regression: under `procs up web` a change to web, which had ended on its own, left it stopped', async () => {
      await applyConfig({ processes: { web: { command: ['node', '-e', ''] }, api: { command: IDLE_COMMAND } } });
      await supervisor.up(['web']);
      await waitFor(() => supervisor.get('web')?.state.status === 'exited', { message: 'web exited' });

      const report = await applyConfig({ processes: { web: { command: IDLE_COMMAND }, api: { command: IDLE_COMMAND } } });

      assert.deepEqual(report.started, ['web']);
      await waitRunning('web');
      assert.equal(supervisor.get('api')?.state.status, 'stopped', 'what up did not name stays stopped');
    });

    it('starts a process that ended on its own once its entry changes (the change may be its fix), and says started', async () => {
      await applyConfig({ processes: { job: { command: ['node', '-e', ''] } } });
      await supervisor.up();
      await waitFor(() => supervisor.get('job')?.state.status === 'exited', { message: 'job exited' });

      const report = await applyConfig({ processes: { job: { command: IDLE_COMMAND } } });

      assert.deepEqual([report.started, report.restarted], [['job'], []]);
      await waitRunning('job');
    });
  });

  describe('a process a reload takes away, still in its stop grace', () => {
    // Ready only once SIGTERM is ignored: a signal before that would end it at once.
    const stubborn = { command: ['node', '-e', "process.on('SIGTERM', () => {}); console.log('armed'); setInterval(() => {}, 1 << 30);"], ready: { log: 'armed' } };
    const removeWhileIgnoring = async (timeout: string): Promise<number> => {
      await applyConfig({ processes: { keep: { command: IDLE_COMMAND }, stubborn: { ...stubborn, stop: { timeout } } } });
      await supervisor.up();
      await waitRunning('keep', 'stubborn');
      const pid = pidOf('stubborn');
      project.writeConfig({ processes: { keep: { command: IDLE_COMMAND } } });
      void supervisor.apply(await loadConfig(project.configFile));
      await waitFor(() => supervisor.get('stubborn') === undefined, { message: 'stubborn taken away' });
      assert.ok(pidAlive(pid), 'still in its grace');
      return pid;
    };

    it('regression: a shutdown during a reload\'s stop left the removed process running past its grace', async () => {
      const pid = await removeWhileIgnoring('2s');
      await supervisor.dispose();
      assert.equal(pidAlive(pid), false, 'gone once the shutdown is done');
    });

    it('regression: a stop-all during a reload that replaced a running process started the replacement after it', async () => {
      await applyConfig({ processes: { stubborn: { ...stubborn, stop: { timeout: '60s' } } } });
      await supervisor.up();
      await waitRunning('stubborn');
      project.writeConfig({ processes: { stubborn: { ...stubborn, stop: { timeout: '60s' }, env: { MODE: 'two' } } } });
      const applying = supervisor.apply(await loadConfig(project.configFile));
      await waitFor(() => supervisor.get('stubborn')?.state.status === 'stopped', { message: 'the replacement in place' });

      await supervisor.stopAll({ graceMs: 200 });
      await applying;

      assert.equal(supervisor.get('stubborn')?.state.status, 'stopped', 'nothing started after the stop-all');
      assert.equal(supervisor.get('stubborn')?.state.pid, undefined);
    });

    it('is killed when a stop-all with a shorter grace ends', async () => {
      const pid = await removeWhileIgnoring('60s');
      await supervisor.stopAll({ graceMs: 200 });
      assert.equal(pidAlive(pid), false, 'gone once the stop-all is done');
    });
  });

  it('regression: an entry that could not be made left the supervisor half applied', async () => {
    await applyConfig({ processes: { api: { command: IDLE_COMMAND } } });
    await supervisor.up();
    await waitRunning('api');
    const pid = pidOf('api');
    project.writeConfig({ processes: { api: { command: IDLE_COMMAND, env: { MODE: 'two' } }, web: { command: IDLE_COMMAND, watch: ['*.js'] } } });
    const loaded = await loadConfig(project.configFile);
    assert.ok(loaded.config);
    // A glob the matcher refuses, past the checks (which now turn it away).
    const web = loaded.config.processes.find((spec) => spec.name === 'web');
    assert.ok(web);
    web.watch = [''];

    await assert.rejects(supervisor.apply(loaded));

    assert.deepEqual(supervisor.processes.map((process) => process.name), ['api']);
    assert.equal(pidOf('api'), pid, 'api runs on, untouched');
    assert.deepEqual(supervisor.config?.processes.map((spec) => spec.name), ['api']);
  });

  it('selects by name, instance, group and all', async () => {
    await applyConfig({
      processes: {
        api: { command: IDLE_COMMAND, instances: 2, group: 'backend' },
        db: { command: IDLE_COMMAND, group: ['backend', 'data'] },
        web: { command: IDLE_COMMAND, autostart: false },
      },
    });
    const names = (selectors: string[]) => supervisor.select(selectors).processes.map((process) => process.name);
    assert.deepEqual(names(['api']), ['api#1', 'api#2']);
    assert.deepEqual(names(['api#2']), ['api#2']);
    assert.deepEqual(names(['backend']), ['api#1', 'api#2', 'db']);
    assert.deepEqual(names(['data', 'web']), ['db', 'web']);
    assert.deepEqual(names(['all']), ['api#1', 'api#2', 'db', 'web']);
    assert.deepEqual(supervisor.select(['nope']).unknown, ['nope']);

    await supervisor.start(['api#2', 'web']);
    await waitRunning('api#2', 'web');
    assert.equal(supervisor.get('api#1')?.state.status, 'stopped');
    await supervisor.stop(['backend']);
    assert.equal(supervisor.get('api#2')?.state.status, 'stopped');
    assert.equal(supervisor.get('web')?.state.status, 'running');
  });

  it('restarts on a watched change at most twice for a flood of 50, and never for ignored or stopped ones', async () => {
    project.write('src/app.js', '');
    project.write('src/app.test.js', '');
    await applyConfig({
      processes: {
        watcher: { command: IDLE_COMMAND, watch: ['src/**/*.js'], ignore: ['**/*.test.js'] },
        idle: { command: IDLE_COMMAND, watch: ['src/**'], autostart: false },
      },
    });
    await supervisor.up();
    await waitRunning('watcher');
    let spawns = 0;
    supervisor.onDidChangeState(({ name, current }) => {
      if (name === 'watcher' && current.status === 'running') spawns++;
    });

    assert.deepEqual(supervisor.fileChanged(`${project.root}/src/app.test.js`, 'saved').restarting, []);
    const firstPid = pidOf('watcher');
    const flood = Array.from({ length: 50 }, () => supervisor.fileChanged(`${project.root}/src/app.js`, 'app.js saved'));
    assert.deepEqual(flood[0].restarting, ['watcher']);
    await Promise.all(flood.map((change) => change.settled));
    await waitRunning('watcher');
    assert.ok(spawns >= 1 && spawns <= 2, `the flood restarted the watcher ${spawns} times`);
    assert.notEqual(pidOf('watcher'), firstPid);
    assert.equal(pidAlive(firstPid), false);
    assert.equal(supervisor.get('idle')?.state.status, 'stopped', 'a stopped watcher stays stopped');
  });

  it('regression: with instances, each instance\'s own log file restarted it (and its siblings), without end', async () => {
    await applyConfig({
      processes: {
        api: { command: IDLE_COMMAND, instances: 2, watch: ['**/*'], output: { logFile: 'logs/api.log' } },
        web: { command: IDLE_COMMAND, watch: ['**/*'], output: { logFile: 'logs/web.log' } },
      },
    });
    await supervisor.up();
    await waitRunning('api#1', 'api#2', 'web');

    for (const file of ['logs/api.1.log', 'logs/api.2.log', 'logs/api.2.log.3', 'logs/web.log', 'logs/web.log.1']) {
      assert.deepEqual(supervisor.fileChanged(`${project.root}/${file}`, 'written').restarting, [], `${file} restarts nothing`);
    }
    assert.deepEqual(supervisor.fileChanged(`${project.root}/src/app.js`, 'saved').restarting, ['api#1', 'api#2', 'web']);
  });

  it('regression: "dist/" in ignore ignored nothing, and "src" in watch watched nothing', async () => {
    await applyConfig({ processes: { app: { command: IDLE_COMMAND, watch: ['src', 'lib/'], ignore: ['dist/'] } } });
    await supervisor.up();
    await waitRunning('app');

    assert.deepEqual(supervisor.fileChanged(`${project.root}/src/deep/a.js`, 'saved').restarting, ['app']);
    assert.deepEqual(supervisor.fileChanged(`${project.root}/lib/b.js`, 'saved').restarting, ['app']);
    assert.deepEqual(supervisor.fileChanged(`${project.root}/srcs/c.js`, 'saved').restarting, [], 'only the folder named');
    await applyConfig({ processes: { app: { command: IDLE_COMMAND, watch: ['**/*.js'], ignore: ['dist/'] } } });
    await waitRunning('app');
    assert.deepEqual(supervisor.fileChanged(`${project.root}/dist/out.js`, 'built').restarting, []);
    assert.deepEqual(supervisor.fileChanged(`${project.root}/distant/a.js`, 'saved').restarting, ['app'], 'only the folder named');
  });
});
