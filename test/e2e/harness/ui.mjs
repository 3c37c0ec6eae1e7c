// Helpers that drive the VS Code workbench through the DOM. They take a
// Playwright page; useWorkbench() also exposes them bound to its page.
const nbsp = /\u00a0/g;

/** Escapes `text` for a RegExp and lets any run of spaces match any whitespace (Monaco renders NBSP). */
export function textPattern(text) {
  if (text instanceof RegExp) return text;
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+'));
}

/** Waits until `pattern` (string or RegExp) appears in the text of `selector`; returns the text. */
export async function waitForText(page, pattern, { selector = '.monaco-workbench', timeout = 20_000 } = {}) {
  const re = textPattern(pattern);
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await page.locator(selector).first().innerText().catch(() => '');
    if (re.test(last) || re.test(last.replace(nbsp, ' '))) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`text ${re} did not appear in ${selector} within ${timeout} ms; last text:\n${last.slice(-800)}`);
}

/** Loads the workbench for `folder` and waits until it is usable. */
export async function openWorkbench(page, serverUrl, folder, { timeout = 60_000 } = {}) {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
  await handleTrustDialog(page);
}

/** Accepts the workspace-trust dialog if it shows up (only when code-server runs with trust enabled). */
export async function handleTrustDialog(page, { timeout = 3_000 } = {}) {
  const button = page.getByRole('button', { name: /Yes, I trust the authors/i });
  try {
    await button.waitFor({ state: 'visible', timeout });
  } catch {
    return false;
  }
  await button.click();
  await button.waitFor({ state: 'hidden' });
  return true;
}

async function quickInput(page, text) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  const row = page.locator('.quick-input-widget .monaco-list-row').first();
  await row.waitFor({ state: 'visible' });
  return input;
}

/**
 * Runs a Command Palette command by its exact label (e.g. "Procs: Start All");
 * `prefix: true` accepts a label that starts with it (e.g. trailing "...").
 * `query` is what to type (default: the label). The palette's matching sometimes
 * misses a full label, so the part after "Category: " is tried next.
 */
export async function runCommand(page, label, { timeout = 10_000, prefix = false, query } = {}) {
  const queries = [...new Set([query ?? label, label.split(': ').slice(1).join(': ')].filter(Boolean))];
  let offered = [];
  for (const q of queries) {
    await quickInput(page, `>${q}`);
    const row = await findRow(page, (t) => t === label || (prefix && t.startsWith(label)), timeout / queries.length);
    if (row.index >= 0) return page.locator('.quick-input-widget .monaco-list-row').nth(row.index).click();
    offered = row.offered;
    await page.keyboard.press('Escape');
  }
  throw new Error(`command "${label}" is not in the Command Palette; it offered: ${offered.join(' | ')}`);
}

/**
 * Runs the command `label`, then `act` on the quick pick it opens. Seen in full runs: the pick went
 * inert and then hidden just after it opened from the palette, as VS Code closed the palette; a
 * pick gone before it was acted on has done nothing, so the command is run again (three tries at
 * most). `act` gets 10 s, as a pick does to show its item.
 */
async function inCommandPick(page, label, act, { tries = 3 } = {}) {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, label);
    try {
      return await act(10_000);
    } catch (error) {
      if (attempt >= tries || (await widget.isVisible())) throw error;
    }
  }
}

/** Runs the command `label` and types `text` into its quick pick, the one whose placeholder starts with `placeholder`. */
export function typeInPick(page, label, placeholder, text) {
  const input = page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`);
  return inCommandPick(page, label, (timeout) => input.fill(text, { timeout }));
}

/** Runs the command `label` and picks `item` in its quick pick (see pickItem). */
export function pickInCommand(page, label, item, { many = false } = {}) {
  return inCommandPick(page, label, (timeout) => pickItem(page, item, { many, timeout }));
}

/**
 * Polls the open quick pick for a row whose first line satisfies `match`. `part`: read only
 * this element of each row (e.g. ".label-name": a row's innerText runs its label and its
 * description together on one line).
 */
async function findRow(page, match, timeout, { part } = {}) {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const deadline = Date.now() + timeout;
  let offered = [];
  do {
    const texts = await rows.evaluateAll((els, sel) => els.map((el) => ((sel && el.querySelector(sel)) || el).innerText), part);
    offered = texts.map((t) => t.replace(nbsp, ' ').split('\n')[0].trim());
    const index = offered.findIndex(match);
    if (index >= 0) return { index, offered };
    await page.waitForTimeout(200);
  } while (Date.now() < deadline);
  return { index: -1, offered };
}

/** Opens a view (or view container) by title through "View: Open View". */
export async function openView(page, title) {
  await quickInput(page, `view ${title}`);
  await page.keyboard.press('Enter');
}

/**
 * Clicks an activity-bar entry whose label starts with `title` and waits until the side bar
 * shows that container. An extension's entry appears only once the extension host has
 * registered its contributions (seconds after the workbench loads), so it is waited for;
 * without one, falls back to openView(). A container already shown is left as it is.
 */
export async function clickView(page, title, { timeout = 20_000 } = {}) {
  const shown = new RegExp(textPattern(title).source, 'i');
  const sideBarTitle = page.locator('.part.sidebar .composite.title').first();
  // A click on the entry of the container already shown would close the side bar.
  if (await sideBarTitle.isVisible() && shown.test(await sideBarTitle.innerText())) return;
  const item = page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
  const appeared = await item.waitFor({ state: 'visible', timeout }).then(() => true, () => false);
  if (appeared) await item.click();
  else await openView(page, title);
  await waitForText(page, shown, { selector: '.part.sidebar .composite.title', timeout });
}

/**
 * Reads the visible text of the Output view (NBSP turned into spaces; Monaco
 * renders only the visible lines). `showCommand` is a palette command that
 * reveals the wanted channel (e.g. "Git: Show Git Output" or a Procs command);
 * without it the Output view is focused on whatever channel it shows.
 */
export async function readOutput(page, { showCommand } = {}) {
  await runCommand(page, showCommand ?? 'Output: Focus on Output View');
  const lines = page.locator('.part.panel .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'visible' });
  await page.waitForTimeout(300); // let the channel's text render
  return (await lines.innerText()).replace(nbsp, ' ');
}

// The side bar's tree rows (extension views): the label element's aria-label is the item's
// name exactly; the state text is `.label-description`.
export const treeRowSelector = (label) =>
  `.part.sidebar .monaco-list-row[role="treeitem"]:has(.custom-view-tree-node-item-resourceLabel[aria-label="${label}"])`;

/** Waits until the description of tree item `label` matches `pattern`; returns the description. */
export function waitForTreeItem(page, label, pattern, options) {
  return waitForText(page, pattern, { ...options, selector: `${treeRowSelector(label)} .label-description` });
}

/** Clicks an inline action button of tree item `label`: they only show on hover, so the row is hovered first. */
export async function clickTreeAction(page, label, action) {
  const row = page.locator(treeRowSelector(label));
  const picker = page.locator('.quick-input-widget');
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    await row.locator(`.actions a.action-label[aria-label="${action}"]`).click();
    // A row the workbench re-renders under the pointer (the tree's first refresh after activation)
    // runs its inline action without the row, and the command then asks which process: click again.
    const askedWhich = await picker.waitFor({ state: 'visible', timeout: 500 }).then(() => true, () => false);
    if (!askedWhich) return;
    if (attempt === 3) throw new Error(`the ${action} action on ${label} asked which process ${attempt} times`);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
  }
}

/** Clicks a button in the side bar's title (the view's title actions, e.g. "Start All"). */
export async function clickViewAction(page, action) {
  await page.locator(`.part.sidebar .title-actions a.action-label[aria-label^="${action}"]`).first().click();
  // The buttons shift once the tree fills (a Collapse All button appears): move away, or the
  // pointer rests on a neighbour whose tooltip then covers the tree in the screenshots.
  await page.mouse.move(0, 0);
}

/** Hides the secondary side bar (empty once Chat is disabled) with the title bar's toggle, if it is open. */
export async function hideSecondarySideBar(page) {
  const bar = page.locator('.part.auxiliarybar');
  if (!(await bar.isVisible())) return;
  await page.locator('.part.titlebar a.action-label[aria-label^="Toggle Secondary Side Bar"]').first().click();
  await bar.waitFor({ state: 'hidden' });
}

/**
 * Picks the row whose first line is `label` in the open quick pick (codicons in the label
 * render as icons, not text). `many`: a multi-select pick, whose row click only ticks the
 * box, so Enter accepts it.
 */
export async function pickItem(page, label, { many = false, timeout = 10_000 } = {}) {
  const found = await findRow(page, (text) => text === label, timeout, { part: '.label-name' });
  if (found.index < 0) throw new Error(`"${label}" is not in the quick pick; it offered: ${found.offered.join(' | ')}`);
  await quickPickRow(page, label).click({ timeout });
  if (many) await page.keyboard.press('Enter');
}

/** The quick pick row labelled `label`, found again at click time (by index, a list that re-renders in between would get the wrong row). */
function quickPickRow(page, label) {
  const exact = new RegExp(`^\\s*${textPattern(label).source}\\s*$`);
  return page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

/** Opens a workspace file by its relative path through Quick Open (Ctrl+P); returns once its editor has focus. */
export async function quickOpen(page, relativePath) {
  const name = relativePath.split('/').pop();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  await pickItem(page, name);
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible' });
  // Keys pressed before the editor takes focus are lost (seen: Ctrl+End and the first characters).
  const focused = page.locator('.part.editor .monaco-editor.focused');
  try {
    await focused.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    // Seen once: the file opened but the focus stayed in the panel. Ctrl+1 focuses the editor group
    // and leaves the cursor where it is.
    await page.keyboard.press('Control+1');
    await focused.waitFor({ state: 'visible' });
  }
}

/**
 * Drags the sash on the side bar's right edge until the side bar is `width` px wide, so long row
 * descriptions show in full (the default is about 300 px).
 */
export async function resizeSideBar(page, width) {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  const sash = page.locator('.monaco-sash.vertical:not(.disabled)').filter({ visible: true });
  const edges = await sash.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })));
  const edge = edges.sort((a, b) => Math.abs(a.x - box.x - box.width) - Math.abs(b.x - box.x - box.width))[0];
  if (!edge || Math.abs(edge.x - box.x - box.width) > 10) throw new Error(`no sash on the side bar's right edge (x ${box.x + box.width})`);
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + width - box.width, edge.y, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  const now = (await sidebar.boundingBox()).width;
  if (Math.abs(now - width) > 10) throw new Error(`the side bar is ${now} px wide after the drag, not ${width}`);
}

/** Waits until a notification toast whose text matches `pattern` shows; returns its locator. */
export async function waitForNotification(page, pattern, { timeout = 20_000 } = {}) {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: textPattern(pattern) }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}

/** Waits until a modal dialog whose text matches `pattern` shows; returns its locator (its buttons by role). */
export async function waitForDialog(page, pattern, { timeout = 10_000 } = {}) {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: textPattern(pattern) }).first();
  await dialog.waitFor({ state: 'visible', timeout });
  return dialog;
}

/** The page's region `margin` px around the boxes of `locators`, for a picture of what matters. */
export async function regionAround(page, locators, { margin = 12 } = {}) {
  const boxes = await Promise.all(locators.map((locator) => locator.boundingBox()));
  const viewport = page.viewportSize();
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  return { x, y, width: right - x, height: bottom - y };
}
