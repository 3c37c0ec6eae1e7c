import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/treeNodes';
import { describeOnFixture, pidOf, statusOf, useFixture, waitFor, waitForStatus } from './fixtures/kit';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describeOnFixture('Procs view', () => {
  const fixture = useFixture();

  before(async () => {
    await fixture.api.stopAll();
  });
  afterEach(() => fixture.api.stopAll());

  async function roots(): Promise<TreeNode[]> {
    return (await fixture.api.tree.getChildren()) ?? [];
  }

  async function processItem(name: string): Promise<TreeNode> {
    const backend = (await roots()).find((item) => labelOf(item) === 'backend');
    assert.ok(backend, 'no backend group node');
    const item = ((await fixture.api.tree.getChildren(backend)) ?? []).find((child) => labelOf(child) === name);
    assert.ok(item, `no ${name} under backend`);
    return item;
  }

  it('shows the single folder\'s processes at the top, grouped by their first group', async () => {
    assert.deepStrictEqual((await roots()).map(labelOf), ['backend', 'crasher']);
    const backend = (await roots())[0];
    assert.strictEqual(backend.contextValue, 'procs.group');
    const children = (await fixture.api.tree.getChildren(backend)) ?? [];
    assert.deepStrictEqual(children.map(labelOf), ['server', 'worker']);
    assert.strictEqual(children[0].contextValue, 'procs.process.stopped');
    assert.strictEqual((children[0].iconPath as vscode.ThemeIcon).id, 'circle-outline');
  });

  it('implements getParent: a process under a group has the group as parent', async () => {
    const server = await processItem('server');
    const parent = await fixture.api.tree.getParent?.(server);
    assert.ok(parent);
    assert.strictEqual(labelOf(parent), 'backend');
    assert.strictEqual(await fixture.api.tree.getParent?.(parent), undefined);
  });

  it('fires a change and shows the running state with pid when a process starts', async () => {
    let changes = 0;
    const subscription = fixture.api.tree.onDidChangeTreeData?.(() => changes++);
    try {
      await vscode.commands.executeCommand('procs.start', 'server');
      await waitForStatus(fixture.supervisor, 'server', 'running');
      await waitFor(() => changes > 0, { message: 'a tree change event' });
    } finally {
      subscription?.dispose();
    }
    const item = await processItem('server');
    // `.ports` once a reading has its port (not an HTTP-looking one: it is a free port the kernel chose), `.node` once it saw node.
    assert.match(String(item.contextValue), /^procs\.process\.running(\.ports)?(\.node)?$/);
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.match(String(item.description), new RegExp(`^running · pid ${pidOf(fixture.supervisor, 'server')} · <1m$`));
    assert.strictEqual(item.command?.command, 'procs.showOutput');
    assert.strictEqual(item.tooltip, undefined, 'filled in on hover');
    const resolved = await fixture.api.tree.resolveTreeItem?.(item, item, new vscode.CancellationTokenSource().token);
    const tooltip = resolved?.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /node scripts\/server\.js/);
    assert.match(tooltip.value.replace(/&nbsp;/g, ' '), /up: \d+s/);
  });

  it('regression: tooltips on running rows vanish: the row is replaced every second to tick the uptime', async () => {
    await vscode.commands.executeCommand('procs.start', 'server');
    await waitForStatus(fixture.supervisor, 'server', 'running');
    const server = await processItem('server');
    let sent = 0;
    const subscription = fixture.api.tree.onDidChangeTreeData?.((node) => {
      if (node === server || node === undefined) sent++;
    });
    try {
      const startedAt = fixture.supervisor.get('server')?.state.startedAt ?? 0;
      // Three ticks of the old one-second timer, by the process's own start time.
      await waitFor(() => Date.now() - startedAt > 3_500, { timeoutMs: 10_000, message: 'server up 3.5 s' });
      assert.strictEqual(statusOf(fixture.supervisor, 'server'), 'running');
      assert.strictEqual(sent, 0, 'a running row whose text did not change is not sent again (each send closes its tooltip)');
    } finally {
      subscription?.dispose();
    }
  });

  it('shows a failed process in red with its exit code and restart count', async () => {
    await vscode.commands.executeCommand('procs.start', 'crasher');
    await waitForStatus(fixture.supervisor, 'crasher', 'failed');
    const crasher = (await roots()).find((item) => labelOf(item) === 'crasher');
    assert.ok(crasher);
    assert.strictEqual(crasher.contextValue, 'procs.process.failed');
    assert.strictEqual((crasher.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(String(crasher.description), /^failed · code 1 · 2 crashes$/);
  });

  it('summarises ready over total in the status bar', async () => {
    assert.strictEqual(fixture.api.statusBarText(), '$(pulse) 0/3');
    await vscode.commands.executeCommand('procs.start', 'worker');
    await waitForStatus(fixture.supervisor, 'worker', 'running');
    await waitFor(() => fixture.api.statusBarText() === '$(pulse) 1/3', { message: `status bar 1/3 (is ${fixture.api.statusBarText()})` });
    // Without a readiness probe, running is ready.
    // A process that gave up earlier in this host still needs attention: a stop does not erase that.
    assert.match(fixture.api.statusBarTooltip(), /^Procs: 1 of 3 ready($|; needs attention: crasher$)/);
  });

  it('regression: the status bar flips between warning and normal during a crash loop', async () => {
    const seen: Array<{ status: string; warning: boolean }> = [];
    let crashed = false;
    const subscription = fixture.supervisor.onDidChangeState(({ name, current: state }) => {
      if (name !== 'crasher') return;
      crashed ||= state.status === 'backoff';
      // Read once the status bar has heard of the same change (its listener runs in this dispatch).
      if (crashed) queueMicrotask(() => seen.push({ status: state.status, warning: fixture.api.statusBarWarning() }));
    });
    try {
      await vscode.commands.executeCommand('procs.start', 'crasher');
      await waitForStatus(fixture.supervisor, 'crasher', 'failed');
      await waitFor(() => seen.some(({ status }) => status === 'failed'), { message: 'the failed state seen' });
    } finally {
      subscription.dispose();
    }
    assert.ok(seen.some(({ status }) => status === 'running' || status === 'starting'), `a restart between the crashes: ${JSON.stringify(seen)}`);
    assert.deepStrictEqual(seen.filter(({ warning }) => !warning), [], 'the warning stays from the first crash until it gives up');
  });
});
