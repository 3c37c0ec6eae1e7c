import * as assert from 'assert';
import { proposeConfig } from '../../src/vscode/proposeConfig';
import { describeOnFixture } from './fixtures/kit';

describeOnFixture('Create .procs.json proposal', () => {
  it('takes long-running package.json scripts as npm run and Procfile lines as they are', () => {
    const packageJson = JSON.stringify({ scripts: { dev: 'vite', build: 'tsc', 'build:watch': 'tsc -w', test: 'mocha', 'serve:docs': 'x' } });
    const procfile = 'web: node server.js\n# comment\nworker:   node worker.js --queue\ndev: ignored because the script wins\n';
    assert.deepStrictEqual(proposeConfig(packageJson, procfile), {
      processes: {
        dev: { command: 'npm run dev' },
        'build:watch': { command: 'npm run build:watch' },
        'serve:docs': { command: 'npm run serve:docs' },
        web: { command: 'node server.js' },
        worker: { command: 'node worker.js --queue' },
      },
    });
  });

  it('copes with no files and with a broken package.json', () => {
    assert.deepStrictEqual(proposeConfig(undefined, undefined), { processes: {} });
    assert.deepStrictEqual(proposeConfig('{ not json', undefined), { processes: {} });
  });
});
