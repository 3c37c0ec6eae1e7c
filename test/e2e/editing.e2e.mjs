// Editing in the demo workspace, in one workbench: a process's Output channel, restart on
// save, and a broken .procs.json that shows in Problems while the last good config keeps running.
import assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertServedBy, eventually, pidAlive, runningPid, useDemoWorkbench } from './harness/demo.mjs';

const OUTPUT_LINES = '.part.panel .monaco-editor .view-lines';
const ERROR_ROW = '.part.sidebar .monaco-list-row[role="treeitem"]:has(.custom-view-tree-node-item-resourceLabel[aria-label^=".procs.json has errors"])';
const COMMENT = '// touched by the save-restarts scenario';

describe('editing: output channel, restart on save, broken config', function () {
  this.timeout(120_000);
  const wb = useDemoWorkbench('editing');
  let pids;
  /** Where the broken-config step's syntax error is reported (the line after the missing comma). */
  let errorLine;

  const showOutput = async (name) => {
    await wb.pickInCommand('Procs: Show Output…', name);
  };
  /** The channel the Output view's drop-down shows. */
  const shownChannel = () => wb.page.locator('.part.panel select').first().evaluate((select) => select.options[select.selectedIndex]?.text);

  it('output-channel: "Procs: Show Output" → web shows its start and its server line', async () => {
    pids = await wb.step('Start All from the Procs view', () => wb.startAll());
    await wb.step('Procs: Show Output, pick web', async () => {
      await showOutput('web');
      await wb.waitForText(`── started · pid ${pids.web} ──`, { selector: OUTPUT_LINES });
      await wb.waitForText(`listening on http://127.0.0.1:${wb.webPort} (pid`, { selector: OUTPUT_LINES });
      assert.strictEqual(await shownChannel(), 'Procs: web');
    });
  });

  it('save-restarts: saving web/server.js restarts web and says why in its channel', async () => {
    await wb.step('Quick Open web/server.js, add a comment, Ctrl+S', async (page) => {
      const file = join(wb.workspace, 'web/server.js');
      const before = readFileSync(file, 'utf8');
      await wb.quickOpen('web/server.js');
      await page.keyboard.press('Control+End');
      // The file ends with a newline: the cursor is then on the empty line after the last one.
      await wb.waitForText(`Ln ${before.split('\n').length}, Col 1`, { selector: '.part.statusbar' });
      await page.keyboard.type(`${COMMENT}\n`);
      await page.keyboard.press('Control+S');
      await eventually('the edit reaches the disk', () => readFileSync(file, 'utf8') === `${before}${COMMENT}\n`);
    });
    const web = await wb.step('web runs with a new pid', () => runningPid(wb, 'web', { other: pids.web }));
    await wb.step('its channel says why it restarted', async () => {
      await showOutput('web');
      assert.strictEqual(await shownChannel(), 'Procs: web');
      await wb.waitForText('── restarting: web/server.js saved ──', { selector: OUTPUT_LINES });
      await wb.waitForText(`── started · pid ${web} ──`, { selector: OUTPUT_LINES });
    });
    await eventually(`old web pid ${pids.web} gone`, () => !pidAlive(pids.web));
    pids.web = web;
  });

  it('broken-config: a missing comma shows in Problems at its line; the processes keep running', async () => {
    // The comma after web's "group" goes; the parser then stops at the next line's property.
    const configLines = () => readFileSync(join(wb.workspace, '.procs.json'), 'utf8').split('\n');
    const commaLine = configLines().findIndex((line) => /"group": "app",$/.test(line)) + 1;
    assert.ok(commaLine > 0, 'the demo .procs.json has no `"group": "app",` line');
    errorLine = commaLine + 1;
    await wb.step(`open .procs.json, delete the comma ending line ${commaLine}, save`, async (page) => {
      await wb.runCommand('Procs: Open .procs.json');
      await page.locator('.tabs-container .tab.active[aria-label^=".procs.json"]').waitFor();
      await page.keyboard.press('Control+G');
      await page.keyboard.type(String(commaLine));
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+S');
      // Read while the editor writes, the file may still be short: a missing line is not there yet.
      await eventually('the edit reaches the disk', () => configLines()[commaLine - 1]?.endsWith('"app"'));
    });
    await wb.step('Problems (Ctrl+Shift+M) lists the error at the next line', async (page) => {
      await page.keyboard.press('Control+Shift+M');
      // Once: from VS Code's JSON service while the file is open (Procs leaves syntax errors of an open file to it).
      await wb.waitForText(new RegExp(`expected (a )?comma\\s+\\S+(\\s+\\d+)?\\s+\\[Ln ${commaLine + 1},`, 'i'), { selector: '.part.panel' });
    });
    await wb.step('the tree says the last good config runs; same pids; web answers', async () => {
      await wb.waitForText(/\.procs\.json has errors\s*the last good version is running/, { selector: '.part.sidebar' });
      assert.strictEqual(await runningPid(wb, 'web'), pids.web);
      assert.strictEqual(await runningPid(wb, 'build'), pids.build);
      await assertServedBy(wb.webPort, pids.web);
    });
  });

  it('regression: the .procs.json has errors row cannot be clicked and is cut off at the default view width', async () => {
    await wb.step('close the editor; hover the row: the tooltip tells all', async (page) => {
      await wb.runCommand('View: Close All Editors');
      // At the default view width the row's label reads whole; the rest of the story is in its tooltip.
      const label = page.locator(`${ERROR_ROW} .label-name`);
      // The row's container clips with an ellipsis; the label reads whole when it ends inside it.
      const fits = await label.evaluate((el) => el.getBoundingClientRect().right <= el.closest('.monaco-icon-label-container').getBoundingClientRect().right + 0.5);
      assert.ok(fits, `the row's label is cut off: "${await label.innerText()}"`);
      await label.hover();
      await wb.waitForText(/has (an error|\d+ errors): the last good version of it is running\.\s+Line \d+, column \d+: expected a comma/, { selector: '.monaco-hover' });
      await page.mouse.move(0, 0);
    });
    await wb.step('click the row: .procs.json opens at the first error', async (page) => {
      await page.locator(ERROR_ROW).click();
      await page.locator('.tabs-container .tab.active[aria-label^=".procs.json"]').waitFor();
      await wb.waitForText(new RegExp(`Ln ${errorLine}, Col \\d+`), { selector: '.part.statusbar' });
    });
  });
});
