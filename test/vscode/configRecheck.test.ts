import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeIn, firstFolder, useFixture, waitFor } from './fixtures/kit';

const names = (fixture: ReturnType<typeof useFixture>): string[] => fixture.supervisor.processes.map((process) => process.name);

describeIn('terminal')('a .procs.json change the file watcher did not report', () => {
  const fixture = useFixture();
  const configFile = path.join(firstFolder().uri.fsPath, '.procs.json');
  let original = '';
  let outside = '';

  before(() => {
    original = fs.readFileSync(configFile, 'utf8');
  });
  after(async () => {
    fs.rmSync(configFile, { force: true });
    fs.writeFileSync(configFile, original);
    try {
      await waitFor(() => !names(fixture).includes('outside'), { message: 'the original config is back' });
      await fixture.api.ready();
    } finally {
      if (outside) fs.rmSync(path.dirname(outside), { recursive: true, force: true });
    }
  });

  it('regression: a config changed while the file watcher missed it was never loaded, even when the Procs view was shown', async () => {
    // The config becomes a link to a file outside the workspace: a change there is no event in it.
    outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'procs-outside-')), 'procs.json');
    fs.writeFileSync(outside, original);
    fs.rmSync(configFile);
    fs.symlinkSync(outside, configFile);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await fixture.api.ready();
    const config = JSON.parse(original.replace(/^\s*\/\/.*$/gm, '')) as { processes: Record<string, unknown> };
    config.processes.outside = { command: ['node', '-e', 'setInterval(() => {}, 1000)'], autostart: false };
    fs.writeFileSync(outside, JSON.stringify(config, null, 2));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(!names(fixture).includes('outside'), 'the watcher reported a change outside the workspace: this test proves nothing here');

    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('procs.processes.focus');
    await waitFor(() => names(fixture).includes('outside'), { message: `the change is loaded once the view is shown; processes: ${names(fixture).join(', ')}` });
  });
});
