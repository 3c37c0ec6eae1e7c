import * as assert from 'assert';
import { mkdir, mkdtemp, realpath, rm, symlink, unlink, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { watchFiles, type FileWatch } from '../../../src/core/watch/fileWatcher';
import { waitFor } from '../helpers/waitFor';

describe('watchFiles', () => {
  let folder: string;
  let watch: FileWatch | undefined;
  let changes: string[];

  beforeEach(async () => {
    // realpath: on macOS the temp folder is a symlink, and events carry the real path.
    folder = await realpath(await mkdtemp(path.join(tmpdir(), 'procs-watch-')));
    await mkdir(path.join(folder, 'src'));
    await mkdir(path.join(folder, 'node_modules', 'pkg'), { recursive: true });
    await mkdir(path.join(folder, '.git'));
    await writeFile(path.join(folder, 'src', 'existing.ts'), 'a');
    changes = [];
  });

  afterEach(async () => {
    watch?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  const saw = (file: string): boolean => changes.includes(file);

  it('reports added, changed and deleted files, but not the ones already there', async () => {
    watch = watchFiles([folder], (file) => changes.push(file));
    await watch.ready;
    const added = path.join(folder, 'src', 'new.ts');
    await writeFile(added, 'x');
    await waitFor(() => saw(added), { timeoutMs: 5000, message: 'the added file' });

    const existing = path.join(folder, 'src', 'existing.ts');
    await writeFile(existing, 'changed');
    await waitFor(() => saw(existing), { timeoutMs: 5000, message: 'the changed file' });

    changes = [];
    await unlink(added);
    await waitFor(() => saw(added), { timeoutMs: 5000, message: 'the deleted file' });
  });

  it('skips node_modules and .git', async () => {
    watch = watchFiles([folder], (file) => changes.push(file));
    await watch.ready;
    await writeFile(path.join(folder, 'node_modules', 'pkg', 'index.js'), 'x');
    await writeFile(path.join(folder, '.git', 'HEAD'), 'x');
    // A later change we do expect: once it arrives, the earlier ones would have too.
    const marker = path.join(folder, 'src', 'marker.ts');
    await writeFile(marker, 'x');
    await waitFor(() => saw(marker), { timeoutMs: 5000, message: 'the marker file' });
    // A new file may be reported twice (add, then change as its content lands): compare the set of paths.
    assert.deepStrictEqual([...new Set(changes)], [marker]);
  });

  it('regression: a symlink loop under a watched folder is not walked, and a change still arrives', async () => {
    await mkdir(path.join(folder, 'w'));
    await symlink('.', path.join(folder, 'w', 'self'));
    const before = process.memoryUsage().rss;
    watch = watchFiles([folder], (file) => changes.push(file));
    await watch.ready;
    const saved = path.join(folder, 'w', 'app.js');
    await writeFile(saved, 'x');
    await waitFor(() => saw(saved), { timeoutMs: 5000, message: 'the saved file' });
    const grewMb = (process.memoryUsage().rss - before) / 2 ** 20;
    // Following the link walked w/self/self/… until the path was too long: hundreds of MB.
    assert.ok(grewMb < 50, `memory grew by ${grewMb.toFixed(0)} MB`);
    assert.ok(!changes.some((file) => file.includes(`self${path.sep}`)), 'nothing reported through the link');
  });
});
