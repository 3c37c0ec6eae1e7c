// useWorkbench(): per-scenario fixture for mocha. Installs the packaged .vsix
// into a fresh extensions dir, starts code-server on a copy of the demo
// workspace, opens Chromium, and gives the scenario a page plus step() which
// screenshots every step and explains failures (step, screenshot, host log).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../../scripts/lib/browser.mjs';
import { installVsix, startCodeServer } from '../../../scripts/lib/codeServer.mjs';
import { repoRoot } from '../../../scripts/lib/paths.mjs';
import { copyWorkspace, demoWorkspace, fixtureWorkspace } from '../../../scripts/lib/workspace.mjs';
import * as ui from './ui.mjs';
import { getVsix } from './vsix.mjs';

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Call inside describe(). Options: trust (default false: --disable-workspace-trust),
 * workspace (folder to copy; default examples/demo, else the test fixture), open
 * (default true: load the workbench in before()), prepare (async fn(workspace) run on the
 * copied workspace before code-server starts, e.g. to pick a free port), viewport (browser
 * size, e.g. { width: 1280, height: 800 } for README screenshots).
 */
export function useWorkbench(scenario, options = {}) {
  const shotsDir = join(repoRoot, 'test-results', 'e2e', slug(scenario));
  const wb = { page: undefined, server: undefined, workspace: undefined, lastScreenshot: undefined, currentStep: undefined };
  let browser;
  let extensionsDir;
  let stepNo = 0;

  /** The whole page, or only `clip` ({ x, y, width, height }). */
  wb.screenshot = async (name, { clip } = {}) => {
    const path = join(shotsDir, `${String(++stepNo).padStart(2, '0')}-${slug(name)}.png`);
    await wb.page.screenshot({ path, clip }).then(() => (wb.lastScreenshot = path), () => {});
    return path;
  };

  /** A picture of only the region around `locators` (a README picture is copied from these into media/). */
  wb.picture = async (name, locators) => {
    const path = await wb.screenshot(name, { clip: await ui.regionAround(wb.page, locators) });
    console.log(`      · picture: ${name} → ${path}`);
  };

  wb.explainFailure = (err) => {
    console.error(`\n  ✗ scenario "${scenario}" failed at step: ${wb.currentStep ?? '(setup)'}\n` +
      `    error: ${err?.message ?? err}\n    last screenshot: ${wb.lastScreenshot ?? '(none)'}\n` +
      `    extension host log (tail):\n${wb.server ? wb.server.exthostLogTail(30) : '(server not started)'}\n`);
  };

  /** Runs one named step; screenshots after it (and on failure), and reports where it broke. */
  wb.step = async (name, fn) => {
    wb.currentStep = name;
    const started = Date.now();
    try {
      const value = await fn(wb.page);
      const shot = await wb.screenshot(name);
      console.log(`      · ${name} (${((Date.now() - started) / 1000).toFixed(1)}s) → ${shot}`);
      return value;
    } catch (err) {
      await wb.screenshot(`${name}-FAILED`);
      wb.explainFailure(err);
      err.explained = true;
      throw err;
    }
  };

  // The helpers from ui.mjs, bound to this scenario's page.
  wb.open = () => ui.openWorkbench(wb.page, wb.server.url, wb.workspace);
  wb.runCommand = (label) => ui.runCommand(wb.page, label);
  wb.typeInPick = (label, placeholder, text) => ui.typeInPick(wb.page, label, placeholder, text);
  wb.readOutput = (options) => ui.readOutput(wb.page, options);
  wb.openView = (title) => ui.openView(wb.page, title);
  wb.clickView = (title) => ui.clickView(wb.page, title);
  wb.waitForText = (pattern, opts) => ui.waitForText(wb.page, pattern, opts);
  wb.waitForTreeItem = (label, pattern, opts) => ui.waitForTreeItem(wb.page, label, pattern, opts);
  wb.clickTreeAction = (label, action) => ui.clickTreeAction(wb.page, label, action);
  wb.clickViewAction = (action) => ui.clickViewAction(wb.page, action);
  wb.pickItem = (label, opts) => ui.pickItem(wb.page, label, opts);
  wb.pickInCommand = (label, item, opts) => ui.pickInCommand(wb.page, label, item, opts);
  wb.quickOpen = (relativePath) => ui.quickOpen(wb.page, relativePath);
  wb.resizeSideBar = (width) => ui.resizeSideBar(wb.page, width);
  wb.waitForNotification = (pattern, opts) => ui.waitForNotification(wb.page, pattern, opts);
  wb.waitForDialog = (pattern, opts) => ui.waitForDialog(wb.page, pattern, opts);

  before(async function () {
    this.timeout(180_000);
    rmSync(shotsDir, { recursive: true, force: true });
    mkdirSync(shotsDir, { recursive: true });
    const vsix = await getVsix();
    extensionsDir = await mkdtemp(join(tmpdir(), 'procs-ext-'));
    await installVsix(vsix, extensionsDir);
    const source = options.workspace ?? (existsSync(demoWorkspace) ? demoWorkspace : fixtureWorkspace);
    wb.workspace = await copyWorkspace(source);
    await options.prepare?.(wb.workspace);
    wb.server = await startCodeServer({ workspace: wb.workspace, trust: options.trust ?? false, extensionsDir });
    browser = await launchBrowser(options.viewport ? { viewport: options.viewport } : undefined);
    wb.page = browser.page;
    if (options.open !== false) await wb.step('open workbench', () => wb.open());
  });

  afterEach(function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && !test.err?.explained) wb.explainFailure(test.err);
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await wb.server?.stop();
    if (wb.workspace) rmSync(join(wb.workspace, '..'), { recursive: true, force: true });
    if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
  });

  return wb;
}

export * from './ui.mjs';
