import * as assert from 'node:assert/strict';
import { runCli, useCliProject } from '../helpers/cliProcess';
import { freePort } from '../helpers/ports';
import { nodeFixture } from '../helpers/processSpec';

describe('procs up with dependencies', function () {
  const cli = useCliProject();

  it('`procs up api` starts db first and spawns api only once db listens', async () => {
    const port = await freePort();
    cli.project.writeConfig({
      processes: {
        db: { command: nodeFixture('late-listener.js', port, 400), ready: { tcp: port } },
        api: { command: nodeFixture('stamped.js'), dependsOn: ['db'] },
        other: { command: nodeFixture('stamped.js') },
      },
    });
    cli.run = runCli(['up', 'api'], cli.project.root);
    await cli.run.waitForOutput(/^api\s*\| started \d+$/m);

    const out = cli.run.stdout();
    const listeningAt = Number(/^db\s*\| listening (\d+)$/m.exec(out)?.[1]);
    const apiStartedAt = Number(/^api\s*\| started (\d+)$/m.exec(out)?.[1]);
    assert.ok(apiStartedAt >= listeningAt, `api started at ${apiStartedAt}, db listened at ${listeningAt}:\n${out}`);
    assert.match(out, new RegExp(`^db\\s*\\| ── ready · tcp 127\\.0\\.0\\.1:${port} · `, 'm'));
    assert.doesNotMatch(out, /^other\s*\|/m, 'what api does not depend on stays down');

    cli.run.child.kill('SIGINT');
    assert.equal((await cli.run.exited).code, 0, cli.run.stdout() + cli.run.stderr());
  });
});
