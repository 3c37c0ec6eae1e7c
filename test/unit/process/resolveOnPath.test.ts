import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { resolveOnPath } from '../../../src/core/process/resolveOnPath';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec } from '../helpers/processSpec';
import { makeTempProject, type TempProject } from '../helpers/tempProject';

describe('resolveOnPath', () => {
  let project: TempProject;
  beforeEach(() => (project = makeTempProject()));
  afterEach(() => project.remove());

  function script(relativePath: string, mode: number): string {
    const file = project.write(relativePath, '#!/bin/sh\necho "$0 ran"\n');
    fs.chmodSync(file, mode);
    return file;
  }

  it('takes the first folder holding an executable file of that name, as execvp does', () => {
    script('a/tool', 0o644); // not executable
    fs.mkdirSync(path.join(project.root, 'b/tool'), { recursive: true }); // a folder
    const found = script('c/tool', 0o755);
    script('d/tool', 0o755);
    const searchPath = ['a', 'b', 'c', 'd'].map((dir) => path.join(project.root, dir)).join(path.delimiter);
    assert.equal(resolveOnPath('tool', searchPath, '/'), found);
    assert.equal(resolveOnPath('tool', 'c', project.root), found, 'relative entries are relative to cwd');
  });

  it('leaves a path with a slash, or a name not found, to spawn()', () => {
    script('c/tool', 0o755);
    const searchPath = path.join(project.root, 'c');
    assert.equal(resolveOnPath('./tool', searchPath, project.root), './tool');
    assert.equal(resolveOnPath('missing-tool', searchPath, project.root), 'missing-tool');
    assert.equal(resolveOnPath('tool', undefined, project.root), 'tool');
  });

  async function runToExit(command: string[]): Promise<string[]> {
    const spec = makeSpec({ command, cwd: project.root, restart: 'never' });
    const process = new ManagedProcess(spec, { name: 'run', index: 1, count: 1, root: project.root });
    const probe = new ProcessProbe(process);
    await process.start();
    await probe.waitForStatus('exited');
    await process.dispose();
    return probe.text();
  }

  it("runs a command from the project's node_modules/.bin", async () => {
    const file = script('node_modules/.bin/procs-hello', 0o755);
    // A script's $0 is the path it was found at, as it is when execvp searches.
    assert.deepEqual(await runToExit(['procs-hello']), [`${file} ran`]);
  });

  it('lets the child see its name as written, not the path it was found at', async () => {
    assert.deepEqual(await runToExit(['node', '-e', 'console.log(process.argv0)']), ['node']);
  });
});
