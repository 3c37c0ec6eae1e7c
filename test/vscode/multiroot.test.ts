import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ProcsApi } from '../../src/vscode/api';
import type { TreeNode } from '../../src/vscode/treeNodes';
import { describeIn, procsApi, waitFor } from './fixtures/kit';

/**
 * Runs only in the multi-root launch (PROCS_TEST_MODE=multiroot) on fixtures/multiroot/multiroot.code-workspace:
 * folders alpha and beta have a .procs.json, plain has none. Fails when that launch opens the wrong workspace.
 */
describeIn('multiroot')('multi-root workspace', () => {
  let api: ProcsApi;
  let folders: readonly vscode.WorkspaceFolder[];

  before(async () => {
    folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepStrictEqual(
      folders.map((folder) => folder.name),
      ['alpha', 'beta', 'plain'],
      'PROCS_TEST_MODE=multiroot needs fixtures/multiroot/multiroot.code-workspace open',
    );
    api = await procsApi();
    await waitFor(() => api.supervisors().size === 2, { message: 'a supervisor for alpha and beta' });
  });
  after(() => api.stopAll());

  const folder = (name: string): vscode.WorkspaceFolder => {
    const found = folders.find((candidate) => candidate.name === name);
    assert.ok(found, `no folder ${name}`);
    return found;
  };

  it('keeps one supervisor per folder with a .procs.json, keyed by folder URI', () => {
    assert.deepStrictEqual([...api.supervisors().keys()].sort(), [folder('alpha').uri.toString(), folder('beta').uri.toString()].sort());
    assert.strictEqual(api.supervisorFor(folder('plain').uri), undefined);
  });

  it('shows one root node per configured folder, with its processes under it', async () => {
    const roots: TreeNode[] = (await api.tree.getChildren()) ?? [];
    assert.deepStrictEqual(roots.map((node) => [node.label, node.contextValue]), [['alpha', 'procs.folder'], ['beta', 'procs.folder']]);
    const beta: TreeNode[] = (await api.tree.getChildren(roots[1])) ?? [];
    assert.deepStrictEqual(beta.map((node) => node.label), ['web', 'jobs']);
    assert.strictEqual(await api.tree.getParent?.(beta[0]), roots[1]);
  });

  it('names output channels with their folder', () => {
    assert.strictEqual(api.outputChannelName(folder('beta'), 'web'), 'Procs: web (beta)');
  });

  it('a name shared by two folders starts in both; stop acts on both', async () => {
    await vscode.commands.executeCommand('procs.start', 'web');
    const alpha = api.supervisorFor(folder('alpha').uri);
    const beta = api.supervisorFor(folder('beta').uri);
    assert.ok(alpha && beta);
    await waitFor(() => alpha.get('web')?.state.status === 'running' && beta.get('web')?.state.status === 'running', {
      timeoutMs: 10_000,
      message: 'web running in alpha and beta',
    });
    assert.strictEqual(beta.get('jobs')?.state.status, 'stopped');
    await waitFor(() => api.statusBarText() === '$(pulse) 2/3', { message: `status bar 2/3 (is ${api.statusBarText()})` });

    await vscode.commands.executeCommand('procs.stop', 'web');
    assert.strictEqual(alpha.get('web')?.state.status, 'stopped');
    assert.strictEqual(beta.get('web')?.state.status, 'stopped');
  });

  it('regression: Start All while a folder\'s config was still being read started nothing of that folder', async () => {
    const late = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-late-'));
    fs.writeFileSync(path.join(late, '.procs.json'), JSON.stringify({ processes: { sleeper: { command: ['sleep', '30'] } } }));
    const uri = vscode.Uri.file(late);
    try {
      // Procs hears of the new folder first (its listener came before this one) and starts reading its config.
      const added = new Promise<void>((resolve) => {
        const listening = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          listening.dispose();
          resolve();
        });
      });
      assert.ok(vscode.workspace.updateWorkspaceFolders(folders.length, 0, { uri }), 'the folder can be added');
      await added;
      await vscode.commands.executeCommand('procs.startAll');
      assert.match(String(api.supervisorFor(uri)?.get('sleeper')?.state.status), /^(starting|running)$/, 'the late folder\'s process was started');
      await waitFor(() => api.supervisorFor(uri)?.get('sleeper')?.state.status === 'running', { message: 'sleeper running' });
    } finally {
      await api.supervisorFor(uri)?.stop(['sleeper']);
      const removed = new Promise<void>((resolve) => {
        const listening = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          listening.dispose();
          resolve();
        });
      });
      vscode.workspace.updateWorkspaceFolders(folders.length, 1);
      await removed;
      await waitFor(() => api.supervisorFor(uri) === undefined, { message: 'the late folder\'s supervisor to go' });
      fs.rmSync(late, { recursive: true, force: true });
    }
  });

  it('Create .procs.json proposes entries from package.json and Procfile; deleting the file drops the supervisor', async () => {
    const plain = folder('plain');
    const file = path.join(plain.uri.fsPath, '.procs.json');
    await vscode.commands.executeCommand('procs.createConfig');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the new file is opened');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
      processes: { dev: { command: 'npm run dev' }, queue: { command: 'node -e "setInterval(() => {}, 60000)"' } },
    });
    await waitFor(() => api.supervisorFor(plain.uri)?.processes.length === 2, { message: 'a supervisor for plain with dev and queue' });
    assert.strictEqual(api.supervisorFor(plain.uri)?.get('dev')?.state.status, 'stopped', 'creating a config starts nothing');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file);
    await waitFor(() => api.supervisorFor(plain.uri) === undefined, { message: 'the supervisor of plain to go with its file' });
    assert.strictEqual(api.supervisors().size, 2);
  });
  it('regression: Create .procs.json overwrote a .procs.json that was not loaded yet', async () => {
    const plain = folder('plain');
    const file = path.join(plain.uri.fsPath, '.procs.json');
    const own = `${JSON.stringify({ processes: { mine: { command: 'node -e "setInterval(() => {}, 60000)"' } } }, undefined, 2)}\n`;
    fs.writeFileSync(file, own);
    await vscode.commands.executeCommand('procs.createConfig');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), own, 'the file is as the user wrote it');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the existing file is opened');
    await waitFor(() => api.supervisorFor(plain.uri)?.get('mine') !== undefined, { message: 'plain\'s own config to load' });

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file);
    await waitFor(() => api.supervisorFor(plain.uri) === undefined, { message: 'the supervisor of plain to go with its file' });
  });
});
