// Readiness, dependencies and the build step on the demo, in one workbench: Start All while db
// is still recovering shows web waiting for it; both run once db's port answers; their Output
// channels tell the ready lines; a save with a syntax error fails web's build step and the old
// web keeps serving, which the tree and the channel both say.
import assert from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertServedBy, eventually, pidAlive, runningPid, useDemoWorkbench } from './harness/demo.mjs';
import { textPattern, treeRowSelector } from './harness/ui.mjs';

const OUTPUT_LINES = '.part.panel .monaco-editor .view-lines';
const BROKEN = 'this is not javascript';
const BUILD_FAILED = 'build failed · still running the previous build';
const escape = (text) => textPattern(text).source;
/** `── ready · <probe> · 0.83 s ──`, whatever the time. */
const readyLine = (probe) => new RegExp(`${escape(`── ready · ${probe} · `)}[\\d.]+\\s(ms|s)\\s──`);

describe('readiness: a chain waits, becomes ready, and a failed build keeps the old process', function () {
  this.timeout(120_000);
  const wb = useDemoWorkbench('readiness');
  let pids;

  const showOutput = async (name) => {
    await wb.pickInCommand('Procs: Show Output…', name);
  };
  const rowIcon = (name) => wb.page.locator(`${treeRowSelector(name)} .custom-view-tree-node-item-icon`).first();

  it('chain: Start All → web waits for db while db starts; then both run', async () => {
    await wb.step('open the Procs view', () => wb.openProcs());
    const starting = await wb.step('Start All: web shows "waiting for db", db its spinner and pid', async () => {
      await wb.clickViewAction('Start All');
      // db recovers for 4 s before its port opens: long enough to see the wait.
      await wb.waitForTreeItem('web', /^waiting for db \(starting\)/);
      const db = await wb.waitForTreeItem('db', /^starting · pid \d+( · |$)/);
      assert.ok(await rowIcon('web').evaluate((el) => el.classList.contains('codicon-watch')), 'web waits with the watch icon');
      assert.ok(await rowIcon('db').evaluate((el) => el.classList.contains('codicon-sync')), 'db starts with the spinner');
      return Number(/pid (\d+)/.exec(db)[1]);
    });
    pids = await wb.step('db ready, then web: both running; web answers', async () => {
      const web = await runningPid(wb, 'web', { timeout: 30_000 });
      const db = await runningPid(wb, 'db');
      // The probe's connections must not have crashed db on the way (seen: a reset it did not handle).
      assert.strictEqual(db, starting, 'db runs with the pid it started with');
      await runningPid(wb, 'build');
      await assertServedBy(wb.webPort, web);
      return { web, db };
    });
  });

  it('output: db\'s channel has its ready line; web\'s its wait, its build step and its ready line', async () => {
    await wb.step('Procs: Show Output, pick db', async () => {
      await showOutput('db');
      await wb.waitForText(readyLine(`tcp 127.0.0.1:${wb.dbPort}`), { selector: OUTPUT_LINES });
    });
    await wb.step('Procs: Show Output, pick web', async () => {
      await showOutput('web');
      for (const line of ['── waiting for db (starting) ──', '── before: node --check web/server.js ──', `── started · pid ${pids.web} ──`]) {
        await wb.waitForText(line, { selector: OUTPUT_LINES });
      }
      await wb.waitForText(readyLine(`GET http://127.0.0.1:${wb.webPort}/health`), { selector: OUTPUT_LINES });
    });
  });

  it('failed-build: a save with a syntax error leaves web serving; the tree warns and the channel says why', async () => {
    const file = join(wb.workspace, 'web/server.js');
    const good = readFileSync(file, 'utf8');
    await wb.step('Quick Open web/server.js, type a syntax error at the end, Ctrl+S', async (page) => {
      await wb.quickOpen('web/server.js');
      await page.keyboard.press('Control+End');
      await wb.waitForText(`Ln ${good.split('\n').length}, Col 1`, { selector: '.part.statusbar' });
      await page.keyboard.type(`${BROKEN}\n`);
      await page.keyboard.press('Control+S');
      await eventually('the edit reaches the disk', () => readFileSync(file, 'utf8') === `${good}${BROKEN}\n`);
    });
    await wb.step('the tree: web still runs, same pid, with a warning that the build failed', async () => {
      await wb.waitForTreeItem('web', new RegExp(`^running · pid ${pids.web} · .*${escape(BUILD_FAILED)}`));
      assert.ok(await rowIcon('web').evaluate((el) => el.classList.contains('codicon-warning')), 'web shows the warning icon');
      await assertServedBy(wb.webPort, pids.web);
    });
    await wb.step('web\'s channel: the step\'s error and that the previous build still runs', async () => {
      await showOutput('web');
      await wb.waitForText('SyntaxError', { selector: OUTPUT_LINES });
      await wb.waitForText('── before: node --check web/server.js exited with code 1 · still running the previous build ──', { selector: OUTPUT_LINES });
    });
    const web = await wb.step('fixed on disk: web restarts with a new pid and no warning', async () => {
      writeFileSync(file, good);
      const next = await runningPid(wb, 'web', { other: pids.web, timeout: 30_000 });
      assert.ok(await rowIcon('web').evaluate((el) => el.classList.contains('codicon-pass-filled')), 'web is healthy again');
      await assertServedBy(wb.webPort, next);
      return next;
    });
    await eventually(`old web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    assert.ok(pidAlive(pids.db), 'a restart of web leaves db alone');
    pids.web = web;
  });
});
