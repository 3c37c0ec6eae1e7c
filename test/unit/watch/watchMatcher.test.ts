import * as assert from 'assert';
import * as path from 'path';
import { createWatchMatcher, watchFolders } from '../../../src/core/watch/watchMatcher';

const CWD = path.resolve('/work/project/api');
const at = (relative: string): string => path.join(CWD, relative);

function matcher(watch: string[], ignore: string[] = [], logFile?: string): (absPath: string) => boolean {
  return createWatchMatcher({ cwd: CWD, watch, ignore }, logFile === undefined ? [] : [logFile]);
}

describe('createWatchMatcher', () => {
  it('matches watch globs relative to cwd, dotfiles included', () => {
    const matches = matcher(['src/**/*.ts', '.env*']);
    assert.strictEqual(matches(at('src/server.ts')), true);
    assert.strictEqual(matches(at('src/deep/.hidden/x.ts')), true);
    assert.strictEqual(matches(at('.env.local')), true);
    assert.strictEqual(matches(at('src/server.js')), false);
    assert.strictEqual(matches(at('README.md')), false);
  });

  it('never matches with no watch globs', () => {
    assert.strictEqual(matcher([])(at('src/server.ts')), false);
  });

  it('leaves out what ignore matches, including everything under an ignored folder', () => {
    const matches = matcher(['**/*'], ['**/*.test.ts', 'dist']);
    assert.strictEqual(matches(at('src/a.ts')), true);
    assert.strictEqual(matches(at('src/a.test.ts')), false);
    assert.strictEqual(matches(at('dist/deep/bundle.js')), false);
  });

  it('always ignores node_modules and .git, wherever they are', () => {
    const matches = matcher(['**/*']);
    assert.strictEqual(matches(at('node_modules/x/index.js')), false);
    assert.strictEqual(matches(at('packages/a/node_modules/x/index.js')), false);
    assert.strictEqual(matches(at('.git/HEAD')), false);
    assert.strictEqual(matches(at('.gitignore')), true);
  });

  it("ignores the process's own log file and its rotations, relative or absolute", () => {
    const matches = matcher(['**/*'], [], at('logs/api.log'));
    assert.strictEqual(matches(at('logs/api.log')), false);
    assert.strictEqual(matches(at('logs/api.log.1')), false);
    assert.strictEqual(matches(at('logs/api.log.12')), false);
    assert.strictEqual(matches(at('logs/api.log.bak')), true);
    assert.strictEqual(matches(at('logs/other.log')), true);
  });

  it('does not match outside cwd, unless a glob starts with ../', () => {
    assert.strictEqual(matcher(['**/*'])(path.resolve(CWD, '../web/a.ts')), false);
    assert.strictEqual(matcher(['**/*'])(CWD), false);
    assert.strictEqual(matcher(['../shared/**/*.ts'])(path.resolve(CWD, '../shared/lib/a.ts')), true);
  });

  it('watchFolders: cwd, and the folders globs reach outside it, but never one that holds cwd', () => {
    const folders = (watch: string[]) => watchFolders({ cwd: CWD, watch });
    assert.deepStrictEqual(folders([]), []);
    assert.deepStrictEqual(folders(['src/**', '*.js']), [CWD]);
    assert.deepStrictEqual(folders(['src/**', '../shared/**/*.js']), [CWD, path.resolve(CWD, '../shared')]);
    assert.deepStrictEqual(folders(['../**/*.js', '../../*.json']), [CWD]);
  });
});
