import * as assert from 'assert';
import * as fs from 'fs';
import { SaveEchoes } from '../../../src/vscode/saveEchoes';
import { makeTempProject, type TempProject } from '../helpers/tempProject';

describe('SaveEchoes', () => {
  let project: TempProject;
  let file: string;

  beforeEach(() => {
    project = makeTempProject('procs-echoes-');
    file = project.write('src/app.js', 'one');
  });

  afterEach(() => project.remove());

  it('takes every event during a save for its echo, however the file looks', async () => {
    const echoes = new SaveEchoes();
    echoes.willSave(file);
    fs.writeFileSync(file, '');
    assert.strictEqual(await echoes.isEcho(file), true);
    fs.writeFileSync(file, 'saved text');
    assert.strictEqual(await echoes.isEcho(file), true);
  });

  it('after the save, takes events for its echo while the file is as the save left it, any number of them', async () => {
    const echoes = new SaveEchoes();
    echoes.willSave(file);
    fs.writeFileSync(file, 'saved text');
    await echoes.didSave(file);
    assert.strictEqual(await echoes.isEcho(file), true);
    assert.strictEqual(await echoes.isEcho(file), true);
  });

  it('reports a change made after the save, and every one after it', async () => {
    const echoes = new SaveEchoes();
    echoes.willSave(file);
    await echoes.didSave(file);
    fs.writeFileSync(file, 'changed by another program');
    assert.strictEqual(await echoes.isEcho(file), false);
    fs.writeFileSync(file, 'and again, a little longer');
    assert.strictEqual(await echoes.isEcho(file), false);
  });

  it('reports the deletion of a saved file', async () => {
    const echoes = new SaveEchoes();
    echoes.willSave(file);
    await echoes.didSave(file);
    fs.unlinkSync(file);
    assert.strictEqual(await echoes.isEcho(file), false);
  });

  it('reports changes to a file that was never saved', async () => {
    assert.strictEqual(await new SaveEchoes().isEcho(file), false);
  });

  it('stops counting a save as under way when it never reports back', async () => {
    let now = 1_000;
    const echoes = new SaveEchoes(() => now);
    echoes.willSave(file);
    now += 4_999;
    assert.strictEqual(await echoes.isEcho(file), true);
    now += 1;
    assert.strictEqual(await echoes.isEcho(file), false);
  });
});
