// Tasks, debug, the view badge and the walkthrough on the demo: Tasks: Run Task → procs → web
// ends once web is ready; Procs: Debug… on web shows the debug toolbar and marks web's row
// `debugging`; a process that gives up puts a count on the Procs view's badge; the Procs
// walkthrough opens with its four steps. Its pictures (test-results/e2e/workbench-features/
// *-tasks.png, *-debug.png, *-badge.png, *-walkthrough.png) are the README's media/screenshot-task.png,
// screenshot-debug.png, screenshot-badge.png and screenshot-walkthrough.png.
import assert from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { runningPid, useDemoWorkbench } from './harness/demo.mjs';
import { treeRowSelector } from './harness/ui.mjs';

const DEBUG_TOOLBAR = '.debug-toolbar';
const TERMINAL = '.part.panel .xterm-rows';
const SIDEBAR = '.part.sidebar';
const PROCS_ICON = '.part.activitybar .action-item:has(a[aria-label^="Procs"])';
const PROCS_BADGE = `${PROCS_ICON} .badge-content`;
const firstOf = (page, ...selectors) => selectors.map((selector) => page.locator(selector).first());

/**
 * This scenario's copy of the demo gains `mailer`, on demand only, which exits at once and gives
 * up after two restarts: a process in trouble for the badge, none of the others' business.
 */
function addMailer(workspace) {
  const configFile = join(workspace, '.procs.json');
  const text = readFileSync(configFile, 'utf8');
  const mailer = { command: 'node mailer/mailer.js', autostart: false, maxRestarts: 2 };
  writeFileSync(configFile, applyEdits(text, modify(text, ['processes', 'mailer'], mailer, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
  mkdirSync(join(workspace, 'mailer'));
  writeFileSync(join(workspace, 'mailer', 'mailer.js'), "console.error('mailer: SMTP_URL is not set');\nprocess.exit(1);\n");
}

describe('workbench features: tasks, debug a process, the view badge, the walkthrough', function () {
  this.timeout(120_000);
  const wb = useDemoWorkbench('workbench-features', { prepare: addMailer });

  it('tasks: Tasks: Run Task → procs → web starts db and web, and the task ends once web is ready', async () => {
    await wb.step('open the Procs view', () => wb.openProcs());
    await wb.step('Tasks: Run Task, pick procs, then web', async () => {
      await wb.pickInCommand('Tasks: Run Task', 'procs');
      await wb.pickItem('procs: web');
    });
    await wb.step('the task tells web\'s wait for db, says web is ready and ends; the tree shows both running', async (page) => {
      const text = (await wb.waitForText(/Terminal will be reused by tasks/, { selector: TERMINAL, timeout: 30_000 })).replace(/\u00a0/g, ' ');
      // In this order: the task ended only once web was ready.
      const told = /web: waiting for db[\s\S]*web: running \(pid (\d+)\)[\s\S]*Procs: web is ready\.[\s\S]*Terminal will be reused by tasks/.exec(text);
      assert.ok(told, text);
      assert.doesNotMatch(text, /exit code/, 'the task ended with 0');
      assert.strictEqual(await runningPid(wb, 'web'), Number(told[1]), 'the task and the tree tell the same web');
      await runningPid(wb, 'db');
      // VS Code's own mark of a task that ended well, on the terminal's tab.
      await page.locator('.part.panel .single-terminal-tab .codicon-check').waitFor();
      // The panel over the empty editor, cropped to the tree and the task's lines.
      await wb.runCommand('View: Toggle Maximized Panel');
      await page.mouse.move(0, 0);
      await wb.picture('tasks', firstOf(page, `${SIDEBAR} .composite.title`, treeRowSelector('mailer'), `${TERMINAL} > div:has-text("reused")`));
      await wb.runCommand('View: Toggle Maximized Panel');
    });
  });

  it('debug: Procs: Debug… on web restarts it with the inspector, attaches, and the debug toolbar appears', async () => {
    const pids = await wb.step('Start All: db, web and build run; widen the side bar', async () => {
      const started = await wb.startAll();
      // Wide enough for the whole row text, `· debugging` included.
      await wb.resizeSideBar(560);
      return started;
    });
    await wb.step('Procs: Debug…, pick web: the debug toolbar shows, the row says debugging', async (page) => {
      await wb.pickInCommand('Procs: Debug…', 'web');
      const toolbar = page.locator(DEBUG_TOOLBAR);
      const shown = await toolbar.waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false);
      if (!shown) {
        // Say why: a VS Code without its JavaScript debugger cannot test debugging, and must not pass.
        const missing = await wb.waitForText(/JavaScript debugger .* is not installed/, { timeout: 1_000 }).then(() => true, () => false);
        assert.fail(missing ? 'the JavaScript debugger (ms-vscode.js-debug) is not in the VS Code under test: debugging cannot be tested' : 'the debug toolbar did not appear within 30 s of Debug on web');
      }
      const description = await wb.waitForTreeItem('web', /^running · pid \d+ · .*· debugging$/, { timeout: 30_000 });
      assert.notStrictEqual(Number(/pid (\d+)/.exec(description)[1]), pids.web, 'web was restarted for the debugger');
      await page.mouse.move(0, 0);
      await wb.picture('debug', firstOf(page, DEBUG_TOOLBAR, `${SIDEBAR} .composite.title`, treeRowSelector('web')));
    });
    await wb.step('Stop Debugging on web: the toolbar goes, web runs without the inspector', async (page) => {
      await wb.pickInCommand('Procs: Stop Debugging…', 'web');
      await page.locator(DEBUG_TOOLBAR).waitFor({ state: 'hidden', timeout: 30_000 });
      await wb.waitForTreeItem('web', /^running · pid \d+(?!.*· debugging)/, { timeout: 30_000 });
      await runningPid(wb, 'web');
    });
  });

  it('badge: mailer gives up, and the Procs view\'s badge counts it', async () => {
    await wb.step('Procs: Stop… worker, which crashes now and then on purpose: no badge', async (page) => {
      await wb.pickInCommand('Procs: Stop…', 'worker', { many: true });
      await wb.waitForTreeItem('worker', /^stopped\b/);
      await page.locator(PROCS_BADGE).waitFor({ state: 'hidden' });
    });
    await wb.step('Procs: Start… mailer: it fails, and the badge on the Procs icon says 1', async (page) => {
      await wb.pickInCommand('Procs: Start…', 'mailer', { many: true });
      await wb.waitForTreeItem('mailer', /^failed\b/, { timeout: 30_000 });
      await wb.waitForText(/^\s*1\s*$/, { selector: PROCS_BADGE });
      await page.mouse.move(0, 0);
      await wb.picture('badge', firstOf(page, PROCS_ICON, `${SIDEBAR} .composite.title`, treeRowSelector('mailer')));
    });
  });

  it('walkthrough: Get started with Procs opens with its four steps', async () => {
    // Room for a step's picture beside the steps: no panel, a narrow side bar (done first, while the
    // palette has the focus it needs; once open, the walkthrough may hold it).
    await wb.step('hide the panel, narrow the side bar', async () => {
      await wb.runCommand('View: Hide Panel');
      await wb.resizeSideBar(240);
    });
    await wb.step('Welcome: Open Walkthrough…, pick Get started with Procs: its steps and a step\'s picture', async (page) => {
      await wb.pickInCommand('Welcome: Open Walkthrough...', 'Get started with Procs');
      for (const title of ['Create .procs.json from your scripts', 'Start everything', 'Restart on save', 'Readiness and dependencies']) {
        await wb.waitForText(title, { selector: '.part.editor' });
      }
      await page.locator('.part.editor .getting-started-media').first().waitFor({ state: 'visible', timeout: 10_000 });
      // The title, the steps and the picture: not the page's footer, nor the failure notice of mailer
      // (a progress notification, which Clear All leaves), in the corner below them.
      await page.mouse.move(0, 0);
      const walkthrough = '.part.editor .gettingStartedSlideDetails';
      await wb.picture('walkthrough', [`${walkthrough} .category-title`, `${walkthrough} .step-list-container`, `${walkthrough} .getting-started-media`].map((selector) => page.locator(selector).first()));
    });
  });
});
