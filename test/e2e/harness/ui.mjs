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

/** Polls the open quick pick for a row whose first line satisfies `match`. */
async function findRow(page, match, timeout) {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const deadline = Date.now() + timeout;
  let offered = [];
  do {
    offered = (await rows.allInnerTexts()).map((t) => t.replace(nbsp, ' ').split('\n')[0].trim());
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

/** Clicks an activity-bar entry whose label starts with `title`, falling back to openView(). */
export async function clickView(page, title) {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
  if (await item.isVisible().catch(() => false)) await item.click();
  else await openView(page, title);
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
