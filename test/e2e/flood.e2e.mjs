// A process that prints without pause while its Output channel is on screen (issue 12, defect 4):
// the window must stay usable, the tree keep up, the extension host's memory stay bounded, and the
// channel hold a bounded window of the newest lines under a line that says how many it left out.
// Figures (keystroke and palette latency, tree lag, extension host RSS) are printed, never asserted: a machine
// shared by several runs can be slow. The bounded window is asserted.
import assert from 'node:assert';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { fixtureWorkspace } from '../../scripts/lib/workspace.mjs';
import { extensionHostPid, rssMb, sampleRss } from './harness/exthost.mjs';
import { useWorkbench } from './harness/workbench.mjs';

const FLOOD_MS = 10_000;
// The bound set for the extension host during a flood (it idles at about 190 MB); reported, not asserted.
const RSS_TARGET_MB = 350;
const CHANNEL_MAX_LINES = 10_000; // CHANNEL_WINDOW.maxLines in src/vscode/channelWindow.ts
const NOTICE = /^── ([\d,]+) lines not shown here; all of them are in logs\/flood\.log ──$/;

describe('flood: a process printing without pause, its Output channel on screen', function () {
  this.timeout(180_000);
  const wb = useWorkbench('flood', {
    workspace: fixtureWorkspace,
    prepare: (workspace) => {
      const flooder = join(repoRoot, 'test', 'fixtures', 'flooder.js');
      const config = {
        processes: {
          flood: {
            command: ['node', flooder, '--for', String(FLOOD_MS), '--done', join(workspace, 'flood.done')],
            autostart: false,
            restart: 'never',
            output: { logFile: 'logs/flood.log', maxLogSize: '1GB' },
          },
        },
      };
      writeFileSync(join(workspace, '.procs.json'), JSON.stringify(config, null, 2));
      writeFileSync(join(workspace, 'notes.txt'), '\n');
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true }));
    },
  });
  const figures = [];
  const figure = (text) => {
    figures.push(text);
    console.log(`      figure: ${text}`);
  };
  after(() => figures.length && console.log(`\n  flood figures:\n${figures.map((f) => `    ${f}`).join('\n')}`));

  it('regression: a flood with its Output channel on screen freezes the window and holds memory', async () => {
    const host = extensionHostPid(wb.server.pid);
    const idleMb = rssMb(host);
    await wb.step('the Procs view, notes.txt in an editor, the flood channel in the panel', async () => {
      await wb.clickView('Procs');
      await wb.waitForTreeItem('flood', /^stopped/);
      await wb.quickOpen('notes.txt');
      await wb.pickInCommand('Procs: Show Output…', 'flood');
      await wb.page.locator('.part.panel .monaco-editor').first().waitFor({ state: 'visible' });
    });
    const rss = sampleRss(host);
    const latencies = [];
    const paletteLatencies = [];
    await wb.step('start the flood; type into notes.txt while it runs', async (page) => {
      await wb.clickTreeAction('flood', 'Start');
      await wb.waitForTreeItem('flood', /^running/);
      await page.waitForTimeout(3_000); // well into the flood
      await page.locator('.part.editor .monaco-editor .view-lines').first().click();
      for (const key of 'flooded') {
        const typed = await page.locator('.part.editor .monaco-editor .view-lines').first().innerText();
        const started = Date.now();
        await page.keyboard.type(key);
        await page.waitForFunction(
          ([before, key]) => document.querySelector('.part.editor .monaco-editor .view-lines')?.innerText.replace(/\u00a0/g, ' ') !== before.replace(/\u00a0/g, ' ') &&
            document.querySelector('.part.editor .monaco-editor .view-lines')?.innerText.includes(key),
          [typed, key],
          { polling: 'raf', timeout: 30_000 },
        );
        latencies.push(Date.now() - started);
        await page.waitForTimeout(200);
      }
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 30_000 });
        paletteLatencies.push(Date.now() - started);
        await page.keyboard.press('Escape');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
      }
    });
    const seenExited = await wb.step('the flood ends: the tree says so', async () => {
      await wb.waitForTreeItem('flood', /^exited/, { timeout: FLOOD_MS + 60_000 });
      return Date.now();
    });
    const peakMb = rss.stop();
    const done = Number(readFileSync(join(wb.workspace, 'flood.done'), 'utf8'));
    await wb.page.waitForTimeout(5_000);
    const afterMb = rssMb(host);

    const { first, last } = await wb.step('the channel: the notice first, then the newest lines', async (page) => {
      const editor = await outputEditor(page);
      const box = await editor.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('Control+Home');
      await page.waitForTimeout(300);
      const top = await visibleLines(editor);
      await page.keyboard.press('Control+End');
      await page.waitForTimeout(300);
      return { first: top, last: await visibleLines(editor) };
    });
    // Every line is in the log file: its size is that of the lines 0 … n-1, and it ends with n-1.
    const logFile = join(wb.workspace, 'logs', 'flood.log');
    const printed = Number(/(\d+)\n$/.exec(readTail(logFile))[1]) + 1;
    assert.strictEqual(statSync(logFile).size, bytesOfNumbers(printed), `the log file holds every line 0 … ${printed - 1}`);

    latencies.sort((a, b) => a - b);
    figure(`keystroke during a flood: median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms (target under 100 ms)`);
    paletteLatencies.sort((a, b) => a - b);
    figure(`command palette (F1) during a flood: median ${paletteLatencies[1]} ms, max ${paletteLatencies[2]} ms (target under 300 ms)`);
    figure(`tree lag after the flood ended: ${seenExited - done} ms (target under 1000 ms; polled every 250 ms)`);
    figure(`extension host RSS: ${idleMb.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB, ${afterMb.toFixed(0)} MB 5 s after (bound ${RSS_TARGET_MB} MB)`);
    figure(`lines printed: ${printed.toLocaleString('en-US')} (all in the log file)`);

    const notice = NOTICE.exec(first[0] ?? '');
    assert.ok(notice, `the channel's first line says what it left out; it reads: ${first.slice(0, 3).join(' | ')}`);
    const firstShown = Number(first[1]);
    assert.strictEqual(Number(notice[1].replace(/,/g, '')), firstShown, 'the notice counts exactly the lines before the first one shown');
    const lastNumber = [...last].reverse().find((line) => /^\d+$/.test(line));
    assert.strictEqual(Number(lastNumber), printed - 1, 'the channel ends with the last line printed');
    const shown = Number(lastNumber) - firstShown + 1;
    figure(`channel window: ${shown.toLocaleString('en-US')} lines shown, ${firstShown.toLocaleString('en-US')} left out`);
    assert.ok(shown <= CHANNEL_MAX_LINES, `the channel holds ${shown} lines, more than ${CHANNEL_MAX_LINES}`);
  });
});

/** The lines an editor shows, top to bottom (Monaco reuses line elements, so DOM order is not screen order). */
function visibleLines(editor) {
  return editor.locator('.view-lines .view-line').evaluateAll((els) =>
    els.map((el) => ({ top: parseFloat(el.style.top), text: el.innerText.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.trim()));
}

/** The editor of the Output view (the panel holds hidden editors too). */
async function outputEditor(page) {
  const editors = page.locator('.part.panel .monaco-editor');
  for (let i = 0; i < (await editors.count()); i++) {
    const editor = editors.nth(i);
    const box = await editor.boundingBox();
    if (box && box.height > 50 && /\d/.test(await editor.locator('.view-lines').innerText())) return editor;
  }
  throw new Error('no Output editor with lines in the panel');
}

/** The last 64 bytes of a file. */
function readTail(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(64);
  const read = readSync(fd, buffer, 0, 64, Math.max(0, statSync(file).size - 64));
  closeSync(fd);
  return buffer.subarray(0, read).toString('utf8');
}

/** The size of "0\n1\n…(n-1)\n". */
function bytesOfNumbers(n) {
  let bytes = 0;
  for (let digits = 1, from = 0; from < n; digits++, from = from === 0 ? 10 : from * 10) bytes += (Math.min(n, from === 0 ? 10 : from * 10) - from) * (digits + 1);
  return bytes;
}
