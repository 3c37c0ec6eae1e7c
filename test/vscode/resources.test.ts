import * as assert from 'assert';
import { linesOf } from '../../src/core/process/outputTypes';
import * as net from 'net';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/treeNodes';
import * as fs from 'fs';
import { describeOnFixture, editAndSave, fixturePath, useFixture, waitFor, waitForStatus } from './fixtures/kit';
import { plainText } from './fixtures/rows';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The first line the server answers on `port`. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setEncoding('utf8').once('data', (data: string) => resolve(data.trim()));
    socket.once('error', reject);
  });
}

describeOnFixture('resources in the Procs view', () => {
  const fixture = useFixture();

  before(async () => {
    await fixture.api.stopAll();
    // Sampling runs only while the view is visible.
    await vscode.commands.executeCommand('procs.processes.focus');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await fixture.api.stopAll();
  });

  async function serverRow(): Promise<TreeNode> {
    const backend = ((await fixture.api.tree.getChildren()) ?? []).find((item) => labelOf(item) === 'backend');
    const row = ((backend && (await fixture.api.tree.getChildren(backend))) ?? []).find((item) => labelOf(item) === 'server');
    assert.ok(row, 'a server row');
    return row;
  }

  it('the description shows the port the server listens on and its memory', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    let description = '';
    const shows = (text: string): boolean => /· :\d+ · /.test(text) && / \d+ MB · /.test(text);
    for (const deadline = Date.now() + 15_000; !shows(description); await new Promise((resolve) => setTimeout(resolve, 50))) {
      assert.ok(Date.now() < deadline, `no port and memory in the description (last: "${description}")`);
      description = String((await serverRow()).description);
    }
    const port = Number(/:(\d+)/.exec(description)?.[1]);
    assert.strictEqual(await greeting(port), 'hello', `the port in "${description}" is the server's`);
    // A port the kernel chose, answering no HTTP probe: the context menu's port list, not the globe; a Node tree: the inline Debug.
    assert.strictEqual((await serverRow()).contextValue, 'procs.process.running.ports.node');
    const row = await serverRow();
    const tooltip = plainText(((await fixture.api.tree.resolveTreeItem?.(row, row, new vscode.CancellationTokenSource().token))?.tooltip as vscode.MarkdownString).value);
    assert.ok(tooltip.includes(`ports: ${port} (127.0.0.1)`), tooltip);
    assert.match(tooltip, /memory: \d+ MB/);
  });

  it('"procs.showResources": false leaves ports and memory out of the row, not out of the tooltip', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    const memory = / \d+ MB( · |$)/;
    const config = vscode.workspace.getConfiguration('procs', vscode.workspace.workspaceFolders?.[0].uri);
    try {
      let description = '';
      for (const deadline = Date.now() + 15_000; !memory.test(description); await new Promise((resolve) => setTimeout(resolve, 50))) {
        assert.ok(Date.now() < deadline, `no memory in the description (last: "${description}")`);
        description = String((await serverRow()).description);
      }
      await config.update('showResources', false, vscode.ConfigurationTarget.WorkspaceFolder);
      for (const deadline = Date.now() + 5_000; memory.test(description) || /:\d+/.test(description); await new Promise((resolve) => setTimeout(resolve, 50))) {
        assert.ok(Date.now() < deadline, `the description still shows resources: "${description}"`);
        description = String((await serverRow()).description);
      }
      assert.match(description, /^running · pid \d+ · /);
      const row = await serverRow();
      const tooltip = plainText(((await fixture.api.tree.resolveTreeItem?.(row, row, new vscode.CancellationTokenSource().token))?.tooltip as vscode.MarkdownString).value);
      assert.match(tooltip, /memory: \d+ MB/);
    } finally {
      await config.update('showResources', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('a tooltip built while the view is hidden takes a reading of its own: ports and memory, none before the hover', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    try {
      let listening = false;
      const output = fixture.supervisor.onOutput(({ name, blocks }) => (listening ||= name === 'server' && linesOf(blocks).some((line) => line.text.startsWith('listening '))));
      try {
        await vscode.commands.executeCommand('procs.restart', 'server');
        await waitFor(() => listening, { message: 'the restarted server to listen' });
      } finally {
        output.dispose();
      }
      const row = await serverRow();
      // Hidden and without limits, nothing samples the new run until something asks.
      assert.strictEqual(fixture.supervisor.resources.latest('server'), undefined, 'a reading while nobody looks');
      const resolved = await fixture.api.tree.resolveTreeItem?.(row, row, new vscode.CancellationTokenSource().token);
      const tooltip = plainText((resolved?.tooltip as vscode.MarkdownString).value);
      const port = fixture.supervisor.resources.latest('server')?.ports[0]?.port;
      assert.ok(port !== undefined, `the hover's reading has the server's port: ${tooltip}`);
      assert.ok(tooltip.includes(`ports: ${port} (127.0.0.1)`), tooltip);
      assert.match(tooltip, /memory: \d+ MB/);
    } finally {
      await vscode.commands.executeCommand('procs.processes.focus');
    }
  });

  it('Open in Browser resolves an external URI for the port', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitFor(() => (fixture.supervisor.resources.latest('server')?.ports.length ?? 0) > 0, { timeoutMs: 15_000, message: 'a sampled port' });
    const port = fixture.supervisor.resources.latest('server')?.ports[0].port;
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('procs.openInBrowser', 'server');
    assert.ok(uri, 'a URI was opened');
    assert.strictEqual(uri.scheme.startsWith('http'), true);
    const expected = await vscode.env.asExternalUri(vscode.Uri.parse(`http://localhost:${port}`));
    assert.strictEqual(uri.toString(), expected.toString());
  });

  it('a row per port under a running process, each opening its own port; none once it stops', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    await waitFor(() => (fixture.supervisor.resources.latest('server')?.ports.length ?? 0) > 0, { timeoutMs: 15_000, message: 'a sampled port' });
    const port = fixture.supervisor.resources.latest('server')?.ports[0].port;
    const row = await serverRow();
    assert.strictEqual(row.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'the row opens onto its ports');
    const ports = (await fixture.api.tree.getChildren(row)) ?? [];
    assert.deepStrictEqual(ports.map((node) => [labelOf(node), node.contextValue]), [[`:${port}`, 'procs.port']]);
    assert.strictEqual(fixture.api.tree.getParent?.(ports[0]), row);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('procs.openPortItem', ports[0]);
    assert.strictEqual(uri?.toString(), (await vscode.env.asExternalUri(vscode.Uri.parse(`http://localhost:${port}`))).toString());
    await vscode.commands.executeCommand('procs.stop', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'stopped');
    const stopped = await serverRow();
    assert.strictEqual(stopped.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.deepStrictEqual(fixture.api.tree.getChildren(stopped), []);
  });

  it('regression: the tree shows the wrapper\'s pid, not the server\'s: under a wrapper the row shows the server\'s pid and the tooltip names both', async () => {
    const configFile = fixturePath('.procs.json');
    const original = fs.readFileSync(configFile, 'utf8');
    const plain = '"command": "node scripts/server.js"';
    assert.ok(original.includes(plain), 'the fixture config runs server as this test expects');
    let served: number | undefined;
    const output = fixture.supervisor.onOutput(({ name, blocks }) => {
      for (const line of linesOf(blocks)) if (name === 'server') served ??= Number(/^listening \d+ pid (\d+)$/.exec(line.text)?.[1]) || undefined;
    });
    try {
      // A list keeps its shell: `sh` stays the root, and node runs under it.
      await editAndSave(configFile, original.replace(plain, '"command": "cd . && node scripts/server.js"'));
      await waitFor(() => fixture.supervisor.get('server')?.spec.command.toString().startsWith('cd . &&') === true, { message: 'the wrapped command applied' });
      await vscode.commands.executeCommand('procs.start', 'server');
      await waitFor(() => served !== undefined, { message: 'the server to listen' });
      const wrapper = fixture.supervisor.get('server')?.state.pid;
      assert.notStrictEqual(wrapper, served, 'the shell remains as the root');
      let description = '';
      for (const deadline = Date.now() + 15_000; !description.startsWith(`running · pid ${served} · `); await new Promise((resolve) => setTimeout(resolve, 50))) {
        assert.ok(Date.now() < deadline, `the row does not show the server's pid ${served} (last: "${description}")`);
        description = String((await serverRow()).description);
      }
      const row = await serverRow();
      const tooltip = plainText(((await fixture.api.tree.resolveTreeItem?.(row, row, new vscode.CancellationTokenSource().token))?.tooltip as vscode.MarkdownString).value);
      assert.match(tooltip, new RegExp(`pid ${served} \\(node server\\.js\\) does the work, under pid ${wrapper}`), tooltip);
    } finally {
      output.dispose();
      await editAndSave(configFile, original);
      await waitFor(() => fixture.supervisor.get('server')?.spec.command.toString() === 'node scripts/server.js', { message: 'the original config applied again' });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
