import * as assert from 'node:assert/strict';
import { isAlive as pidAlive } from '../../../src/core/process/killTree';
import { runCli, useCliProject } from '../helpers/cliProcess';
import { nodeFixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

// Prints its own pid and that of a grandchild, then idles: a small process tree.
const TREE = [
  'node',
  '-e',
  "const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });" +
    "console.log('pids ' + process.pid + ' ' + c.pid); setInterval(() => {}, 1 << 30);",
];

describe('procs up', function () {
  const cli = useCliProject();

  it('prefixes output with the process name and stops every tree on SIGINT, exiting 0', async () => {
    cli.project.writeConfig({ processes: { alpha: { command: TREE }, beta: { command: TREE } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids \d+ \d+$/m);
    await cli.run.waitForOutput(/^beta\s*\| pids \d+ \d+$/m);
    assert.match(cli.run.stdout(), /^alpha\s*\| ── started · pid \d+ ──$/m);
    const pids = [...cli.run.stdout().matchAll(/pids (\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(pids.length, 4);

    cli.run.child.kill('SIGINT');
    const { code } = await cli.run.exited;
    assert.equal(code, 0, cli.run.stdout() + cli.run.stderr());
    for (const pid of pids) assert.equal(pidAlive(pid), false, `pid ${pid} is gone`);
  });

  it('runs only the named processes and refuses unknown names', async () => {
    cli.project.writeConfig({ processes: { alpha: { command: TREE }, beta: { command: TREE } } });
    const unknown = runCli(['up', 'gamma'], cli.project.root);
    assert.equal((await unknown.exited).code, 2);
    assert.match(unknown.stdout(), /no process or group named gamma/);

    cli.run = runCli(['up', 'beta'], cli.project.root);
    await cli.run.waitForOutput(/^beta\s*\| pids/m);
    cli.run.child.kill('SIGTERM');
    assert.equal((await cli.run.exited).code, 0);
    assert.doesNotMatch(cli.run.stdout(), /^alpha\s*\|/m);
  });

  it('--attach NAME sends what is typed to that process\'s stdin, and refuses a process without one', async () => {
    cli.project.writeConfig({
      processes: {
        echo: { command: nodeFixture('echo.js'), stdin: true },
        other: { command: nodeFixture('echo.js'), stdin: true },
        mute: { command: nodeFixture('echo.js') },
      },
    });
    const refused = runCli(['up', '--attach', 'mute'], cli.project.root, { input: true });
    assert.equal((await refused.exited).code, 2, refused.stdout() + refused.stderr());
    assert.match(refused.stdout() + refused.stderr(), /--attach: mute has no stdin; set "stdin": true for it in \.procs\.json/);

    cli.run = runCli(['up', '--attach', 'echo'], cli.project.root, { input: true });
    await cli.run.waitForOutput(/^echo\s*\| history 3$/m);
    await cli.run.waitForOutput(/^other\s*\| history 3$/m);
    cli.run.child.stdin?.write('hello from the terminal\n');
    await cli.run.waitForOutput(/^echo\s*\| echo: hello from the terminal$/m);
    // `other` has a stdin too, and would print what reached it by now: the two echoes come alike fast.
    assert.doesNotMatch(cli.run.stdout(), /^other\s*\| echo:/m, 'only the attached process reads what is typed');
  });

  it('delivers 200,000 lines from one child complete and in order', async () => {
    const script = "let s = ''; for (let i = 1; i <= 200000; i++) s += i + '\\n'; process.stdout.write(s);";
    cli.project.writeConfig({ processes: { flood: { command: ['node', '-e', script] } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/── exited with code 0/, 30000);
    cli.run.child.kill('SIGINT');
    await cli.run.exited;
    const numbers = [...cli.run.stdout().matchAll(/^flood\s*\| (\d+)$/gm)].map((m) => Number(m[1]));
    assert.equal(numbers.length, 200000);
    assert.ok(numbers.every((n, i) => n === i + 1), 'lines arrive in order');
  });

  it('keeps running on the last good config when .procs.json breaks, and applies a fixed one', async () => {
    cli.project.writeConfig({ processes: { alpha: { command: TREE } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids/m);
    cli.project.write('.procs.json', '{ "processes": { "alpha": { "command": } } }');
    await cli.run.waitForOutput(/keeping the last good one/);
    cli.project.writeConfig({ processes: { alpha: { command: TREE }, beta: { command: TREE } } });
    await cli.run.waitForOutput(/config applied: started beta/);
    await waitFor(() => /^beta\s*\| pids/m.test(cli.run?.stdout() ?? ''), { timeoutMs: 10000, message: 'beta output' });
    assert.equal((cli.run.stdout().match(/^alpha\s*\| ── started/gm) ?? []).length, 1, 'alpha was not restarted');
  });

  it('regression: a reload with several problems printed the second and later without the procs prefix', async () => {
    cli.project.writeConfig({ processes: { alpha: { command: TREE } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids/m);
    cli.project.writeConfig({ processes: { alpha: { command: TREE, colour: true, restarts: 3 } } });
    await cli.run.waitForOutput(/processes\.alpha\.restarts/);
    const problems = cli.run.stdout().split('\n').filter((line) => /warning: processes\.alpha\./.test(line));
    assert.equal(problems.length, 2, problems.join('\n'));
    for (const line of problems) assert.match(line, /^procs\s*\| /);
  });

  it('stops every tree and exits when its output pipe closes, instead of orphaning children', async () => {
    // The pipe's end is only noticed on the next write, so this tree keeps talking.
    const ticking = [...TREE.slice(0, 2), `${TREE[2]} setInterval(() => console.log('tick'), 20);`];
    cli.project.writeConfig({ processes: { alpha: { command: ticking } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids \d+ \d+$/m);
    const pids = [...cli.run.stdout().matchAll(/pids (\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    cli.run.child.stdout?.destroy();
    const { code } = await cli.run.exited;
    assert.equal(code, 0, cli.run.stderr());
    assert.doesNotMatch(cli.run.stderr(), /EPIPE/);
    for (const pid of pids) assert.equal(pidAlive(pid), false, `pid ${pid} is gone`);
  });

  it('restarts a process when a file it watches changes: the old tree is gone, the new one runs', async () => {
    cli.project.write('src/app.js', '// v1\n');
    cli.project.writeConfig({ processes: { alpha: { command: TREE, watch: ['src/**/*.js'] } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids \d+ \d+$/m);
    const [, first, grandchild] = /pids (\d+) (\d+)/.exec(cli.run.stdout()) ?? [];

    // The watcher is ready once its first scan is done; keep touching until it reports, with a deadline.
    await waitFor(
      () => {
        if (!/restarting: src\/app\.js changed/.test(cli.run?.stdout() ?? '')) cli.project.write('src/app.js', `// ${Date.now()}\n`);
        return /restarting: src\/app\.js changed/.test(cli.run?.stdout() ?? '');
      },
      { timeoutMs: 15000, message: 'a restart for src/app.js' },
    );
    await cli.run.waitForOutput(/pids \d+ \d+[\s\S]*pids (\d+) (\d+)/);
    const pids = [...cli.run.stdout().matchAll(/pids (\d+) (\d+)/g)];
    assert.notEqual(pids.at(-1)?.[1], first, 'a new child runs');
    assert.equal(pidAlive(Number(first)), false, 'the old child is gone');
    assert.equal(pidAlive(Number(grandchild)), false, 'the old grandchild is gone');
  });

  it('regression: a watch glob reaching outside cwd ("../shared/**") never restarted the process', async () => {
    cli.project.write('shared/lib.js', '// v1\n');
    cli.project.write('app/index.js', '// app\n');
    cli.project.writeConfig({ processes: { alpha: { command: TREE, cwd: 'app', watch: ['src/**/*.js', '../shared/**/*.js'] } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^alpha\s*\| pids \d+ \d+$/m);

    await waitFor(
      () => {
        if (!/restarting: shared\/lib\.js changed/.test(cli.run?.stdout() ?? '')) cli.project.write('shared/lib.js', `// ${Date.now()}\n`);
        return /restarting: shared\/lib\.js changed/.test(cli.run?.stdout() ?? '');
      },
      { timeoutMs: 15000, message: 'a restart for shared/lib.js' },
    );
  });

  it('a second Ctrl-C kills at once a tree that ignores SIGTERM, instead of waiting out its stop timeout', async () => {
    const stubborn = ['node', '-e', "process.on('SIGTERM', () => console.log('ignored')); console.log('ready ' + process.pid); setInterval(() => {}, 1 << 30);"];
    cli.project.writeConfig({ processes: { stubborn: { command: stubborn, stop: { timeout: '10m' } } } });
    cli.run = runCli(['up'], cli.project.root);
    await cli.run.waitForOutput(/^stubborn\s*\| ready (\d+)$/m);
    const pid = Number(/ready (\d+)/.exec(cli.run.stdout())?.[1]);

    cli.run.child.kill('SIGINT');
    await cli.run.waitForOutput(/^stubborn\s*\| ignored$/m);
    cli.run.child.kill('SIGINT');
    // The configured ten minutes are far beyond this test's timeout: exiting at all proves the kill.
    const { code } = await cli.run.exited;
    assert.equal(code, 130);
    await waitFor(() => !pidAlive(pid), { timeoutMs: 5000, message: `pid ${pid} killed` });
  });
});
