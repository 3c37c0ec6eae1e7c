// The Procs view, the palette and the status bar on the demo, in one workbench (each
// workbench costs ~40 s here): start everything from the view, restart web from the
// palette, stop the worker from the status bar, stop web with its inline button — and
// check the real processes and port behind what the UI shows.
import assert from 'node:assert';
import { assertServedBy, canBind, eventually, httpGet, pidAlive, runningPid, useDemoWorkbench } from './harness/demo.mjs';
import { treeRowSelector } from './harness/ui.mjs';

describe('processes: tree, palette restart, status bar', function () {
  this.timeout(120_000);
  const wb = useDemoWorkbench('processes');
  // The summary item: `$(pulse) n/4` (ready of all); its aria-label starts with the icon's name.
  const SUMMARY = '.part.statusbar .statusbar-item[aria-label^="pulse"]';
  const summary = () => wb.page.locator(SUMMARY).first();
  let pids;

  it('tree: Start All shows db, web, worker and build with live state', async () => {
    pids = await wb.step('Start All from the Procs view', () => wb.startAll());
    await wb.step('db, web, worker, build are live in the tree; web answers', async () => {
      // The worker crashes on purpose now and then: any live state of it is right.
      await wb.waitForTreeItem('worker', /^(running · pid \d+|starting|backoff)/);
      await assertServedBy(wb.webPort, pids.web);
      assert.ok(pidAlive(pids.build), `build pid ${pids.build} is not alive`);
      assert.ok(pidAlive(pids.db), `db pid ${pids.db} is not alive`);
    });
  });

  it('palette-restart: "Procs: Restart" → web gets a new pid, the old one is gone', async () => {
    await wb.step('Procs: Restart, pick web', async () => {
      await wb.runCommand('Procs: Restart');
      await wb.pickItem('web', { many: true });
    });
    const web = await wb.step('web shows a new pid', () => runningPid(wb, 'web', { other: pids.web }));
    await eventually(`old web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    await eventually('the new web answers', () => httpGet(wb.webPort));
    await assertServedBy(wb.webPort, web);
    pids.web = web;
  });

  it('status-bar: the summary counts ready processes; clicking it offers them', async () => {
    await wb.step('summary reads n/4', () => wb.waitForText(/^\s*[0-4]\/4$/, { selector: SUMMARY }));
    await wb.step('click the summary: a quick pick of the processes; stop worker', async (page) => {
      await summary().click();
      await wb.pickItem('worker');
      await page.locator('.quick-input-widget input[placeholder^="worker: "]').waitFor(); // the action pick for worker
      await wb.pickItem('Stop');
      await wb.waitForTreeItem('worker', /^stopped\b/);
      assert.strictEqual((await summary().innerText()).trim(), '3/4');
      assert.strictEqual(await page.locator('.quick-input-widget').isVisible(), false);
    });
  });

  it('tree-and-stop: the inline Stop button stops web and frees its port', async () => {
    await wb.step('hover web, click its Stop button', () => wb.clickTreeAction('web', 'Stop'));
    await wb.step('web shows stopped; the summary follows', async (page) => {
      // Seen in 1 of 4 runs: the click opens the "Processes to stop" picker instead of stopping web,
      // i.e. procs.stop ran without its tree node (reported to the lead; not worked around here).
      const picker = page.locator('.quick-input-widget input[placeholder="Processes to stop"]');
      const outcome = await eventually('web stops', async () =>
        (await picker.isVisible()) ? 'picker' : /^stopped\b/.test(await page.locator(`${treeRowSelector('web')} .label-description`).innerText()) && 'stopped', { timeout: 20_000 });
      assert.strictEqual(outcome, 'stopped', 'the inline Stop button opened the "Processes to stop" picker instead of stopping web');
      await wb.waitForText(/^\s*2\/4$/, { selector: SUMMARY });
    });
    await eventually(`web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    await eventually(`port ${wb.webPort} free`, () => canBind(wb.webPort));
    assert.strictEqual(await httpGet(wb.webPort), undefined);
    assert.ok(pidAlive(pids.build), 'build was stopped too');
    assert.ok(pidAlive(pids.db), 'db, which web depends on, was stopped too');
  });
});
