// Resources and port conflicts on the demo, in one workbench: web's row shows its port and memory;
// then a squatter the test starts (not Procs) takes web's port, starting web names it in a
// notification, Show It and Stop It (after a modal naming pid and command) stop it for real, and
// web starts on its port. Its two pictures (test-results/e2e/ports/*-resources.png,
// *-port-conflict.png) are the README's, and *-port-rows.png shows web's row open onto its port, which
// stays open across a restart of web.
import assert from 'node:assert';
import { assertServedBy, canBind, eventually, pidAlive, runningPid, useDemoWorkbench } from './harness/demo.mjs';
import { startSquatter } from './harness/squatter.mjs';
import { textPattern, treeRowSelector } from './harness/ui.mjs';

describe('ports: resources in the tree, a port conflict, Show It and Stop It', function () {
  this.timeout(120_000);
  const wb = useDemoWorkbench('ports');
  const row = (name) => wb.page.locator(treeRowSelector(name));
  let pids;
  let squatter;
  after(() => squatter?.kill());

  it('resources: web\'s row shows its port and memory, in full', async () => {
    pids = await wb.step('Start All; widen the side bar', async () => {
      const started = await wb.startAll();
      await wb.resizeSideBar(520);
      return started;
    });
    await wb.step('web\'s row: running · pid · its port · CPU · memory', async () => {
      const resources = new RegExp(`^running · pid ${pids.web} · :${wb.webPort} · \\d+% · \\d+ MB · `);
      await wb.waitForTreeItem('web', resources);
      await wb.waitForTreeItem('db', new RegExp(`^running · pid ${pids.db} · :${wb.dbPort} · \\d+% · \\d+ MB · `));
      const description = row('web').locator('.label-description');
      assert.ok(await description.evaluate((el) => el.scrollWidth <= el.clientWidth), 'web\'s description is cut off');
      await wb.page.mouse.move(0, 0);
    });
    await wb.picture('resources', [wb.page.locator('.part.sidebar .composite.title'), row('build')]);
    await wb.step('expand web: a row for its port; that row\'s globe opens web through the workbench\'s address for it', async (page) => {
      await row('web').locator('.monaco-tl-twistie').click();
      const port = `:${wb.webPort}`;
      await page.locator(treeRowSelector(port)).hover();
      await wb.picture('port-rows', [page.locator('.part.sidebar .composite.title'), row('build')]);
      const opened = page.context().waitForEvent('page', { timeout: 15_000 });
      await wb.clickTreeAction(port, 'Open in Browser');
      const tab = await opened;
      await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
      const url = tab.url();
      console.log(`      · opened: ${url}`);
      // Not localhost: asExternalUri gave the address this browser reaches the port by (code-server's proxy).
      assert.match(url, new RegExp(`/proxy/${wb.webPort}/$`), `opened ${url}`);
      const body = await tab.locator('body').innerText().catch(() => '');
      await tab.close();
      assert.match(body, new RegExp(`\\(pid ${pids.web}\\)`), `the page at ${url} is not web's: ${JSON.stringify(body.slice(0, 200))}`);
    });
    await wb.step('a restart keeps the port rows the user opened: web restarted, its port row is back, open', async (page) => {
      await wb.pickInCommand('Procs: Restart…', 'web', { many: true });
      pids.web = await runningPid(wb, 'web', { other: pids.web });
      await wb.waitForTreeItem('web', new RegExp(`^running · pid ${pids.web} · :${wb.webPort} · `));
      await page.locator(treeRowSelector(`:${wb.webPort}`)).waitFor({ state: 'visible', timeout: 10_000 });
      await row('web').locator('.monaco-tl-twistie').click();
      await page.mouse.move(0, 0);
    });
  });

  it('port-conflict: the squatter is named; Show It, then Stop It after a modal, stop it; web then holds its port', async () => {
    await wb.step('Procs: Stop… web: its port is free', async () => {
      await wb.pickInCommand('Procs: Stop…', 'web', { many: true });
      await wb.waitForTreeItem('web', /^stopped\b/);
      await eventually(`port ${wb.webPort} free`, () => canBind(wb.webPort));
    });
    squatter = await startSquatter(wb.webPort);
    const toast = await wb.step('a squatter takes the port; Procs: Start… web: one notification names it', async (page) => {
      await wb.pickInCommand('Procs: Start…', 'web', { many: true });
      const named = `port ${wb.webPort} is held by pid ${squatter.pid} \\(node server\\.js ${wb.webPort}, started just now\\), not by Procs`;
      const shown = await wb.waitForNotification(new RegExp(named));
      // Its backoff retries meet the same squatter: 0.1 s, 0.5 s and 1 s later (3 crashes), and they are not news.
      await wb.waitForTreeItem('web', /^backoff · .* · ([3-9]|\d\d+) crashes$/);
      const toasts = await page.locator('.notifications-toasts .notification-toast').filter({ hasText: new RegExp(named) }).count();
      assert.strictEqual(toasts, 1, 'each retry against the same squatter notified again');
      return shown;
    });
    await wb.picture('port-conflict', [toast]);
    const shown = await wb.step('Show It: a modal with its pid, command line and cwd', async () => {
      await toast.getByRole('button', { name: 'Show It', exact: true }).click();
      const dialog = await wb.waitForDialog(`Port ${wb.webPort} is held by pid ${squatter.pid}`);
      const text = await dialog.innerText();
      for (const line of [`pid: ${squatter.pid}`, `command: ${squatter.command}`, `cwd: ${squatter.cwd}`]) {
        assert.match(text, textPattern(line), `Show It lacks "${line}":\n${text}`);
      }
      return dialog;
    });
    await wb.step('Stop It in that modal', () => shown.getByRole('button', { name: 'Stop It', exact: true }).click());
    const confirm = await wb.step('Stop It asks first, in a modal naming pid and command', () =>
      wb.waitForDialog(`Stop pid ${squatter.pid} (${squatter.command})?`));
    await wb.step('confirmed: the squatter is gone', async () => {
      await confirm.getByRole('button', { name: 'Stop It', exact: true }).click();
      await confirm.waitFor({ state: 'hidden' });
      await eventually(`squatter pid ${squatter.pid} gone`, () => !pidAlive(squatter.pid));
      assert.deepStrictEqual(await squatter.exited, { code: null, signal: 'SIGTERM' }, 'the squatter ended by Stop It\'s SIGTERM');
    });
    await wb.step('web starts by itself and holds its port', async () => {
      const web = await runningPid(wb, 'web', { timeout: 30_000 });
      await assertServedBy(wb.webPort, web);
    });
  });
});
