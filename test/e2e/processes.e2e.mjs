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
      await wb.pickInCommand('Procs: Restart…', 'web', { many: true });
    });
    const web = await wb.step('web shows a new pid', () => runningPid(wb, 'web', { other: pids.web }));
    await eventually(`old web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    await eventually('the new web answers', () => httpGet(wb.webPort));
    await assertServedBy(wb.webPort, web);
    pids.web = web;
  });

  it('regression: the palette picker fails silently: typing a name and Enter restarts the highlighted process', async () => {
    await wb.step('Procs: Restart…, type "web", Enter', async (page) => {
      await wb.typeInPick('Procs: Restart…', 'Processes to restart', 'web');
      await page.keyboard.press('Enter');
    });
    const web = await wb.step('web shows a new pid', () => runningPid(wb, 'web', { other: pids.web }));
    await eventually(`old web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    pids.web = web;
    await wb.step('Procs: Start…, type a name nobody has, Enter: it says nothing was picked', async (page) => {
      await wb.typeInPick('Procs: Start…', 'Processes to start', 'no such process');
      await page.keyboard.press('Enter');
      await wb.waitForText('Procs: nothing picked, so nothing to start.', { selector: '.notifications-toasts' });
    });
  });

  it('regression: rows have no Start, Stop, Restart in the context menu', async () => {
    await wb.step('right-click web: Restart and Stop lead the menu, no Start, no "…" but on a pick', async (page) => {
      await page.locator(treeRowSelector('web')).click({ button: 'right' });
      const items = page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label');
      await items.first().waitFor();
      const labels = (await items.allInnerTexts()).map((label) => label.trim()).filter(Boolean);
      assert.deepStrictEqual(labels.slice(0, 2), ['Restart', 'Stop'], `menu: ${labels.join(' | ')}`);
      assert.ok(!labels.includes('Start'), `menu: ${labels.join(' | ')}`);
      // The row names the process, so nothing asks for one: "…" only where a pick of ports follows.
      const asking = labels.filter((label) => label.endsWith('…') && label !== 'Open Port in Browser…');
      assert.deepStrictEqual(asking, [], `menu: ${labels.join(' | ')}`);
      await page.keyboard.press('Escape');
    });
  });

  it('regression: tooltips on running rows do not show, or vanish after about 0.5 s', async () => {
    await wb.step('hover db: its tooltip shows and is still up 2.5 s later', async (page) => {
      await page.mouse.move(0, 0);
      await page.locator(`${treeRowSelector('db')} .label-name`).hover();
      const hover = page.locator('.monaco-hover:has-text("crashes:")').first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      // Longer than the old one-second tick, twice over: the pointer rests, the tooltip stays.
      await page.waitForTimeout(2_500);
      assert.ok(await hover.isVisible(), 'the tooltip is still up while the pointer rests on the row');
      await page.mouse.move(0, 0);
    });
  });

  it('regression: in the status bar action list, Start is preselected even for a running process (the summary counts ready processes; clicking it offers them)', async () => {
    await wb.step('summary reads n/4', () => wb.waitForText(/^\s*[0-4]\/4$/, { selector: SUMMARY }));
    await wb.step('click the summary: a quick pick of the processes; worker: the likely action highlighted; stop worker', async (page) => {
      await summary().click();
      await wb.pickItem('worker');
      const actions = page.locator('.quick-input-widget input[placeholder^="worker: "]');
      await actions.waitFor(); // the action pick for worker, its state in the placeholder
      const state = (await actions.getAttribute('placeholder')).slice('worker: '.length);
      const highlighted = await page.locator('.quick-input-widget .monaco-list-row.focused').first().innerText();
      // The demo's worker crashes now and then on purpose: backing off (or ended), Start is likely; up, Restart.
      const likely = /^(backoff|exited|failed|stopped)\b/.test(state) ? /Start/ : /Restart/;
      assert.match(highlighted, likely, `worker is ${state}: the likely action is highlighted (is "${highlighted}")`);
      await wb.pickItem('Stop');
      await wb.waitForTreeItem('worker', /^stopped\b/);
      assert.strictEqual((await summary().innerText()).trim(), '3/4');
      // Seen once in CI: the widget was still up at the moment the row said stopped; it must go soon after.
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
    });
  });

  it('tree-and-stop: the inline Stop button stops web and frees its port', async () => {
    await wb.step('hover web, click its Stop button', () => wb.clickTreeAction('web', 'Stop'));
    await wb.step('web shows stopped; the summary follows', async (page) => {
      // Seen in 1 of 4 runs: the click opens the "Processes to stop" picker instead of stopping web,
      // i.e. procs.stop ran without its tree node (reported to the lead; not worked around here).
      const picker = page.locator('.quick-input-widget input[placeholder^="Processes to stop"]');
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
