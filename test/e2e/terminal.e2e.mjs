// "Open in Terminal" in the real workbench: the process's recent output in colour, then a line
// typed into the terminal echoed back by the process. Its picture (test-results/e2e/terminal/*-terminal.png)
// is the README's media/screenshot-terminal.png.
import assert from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { useWorkbench } from './harness/workbench.mjs';

describe('terminal: a process in a terminal of its own', function () {
  this.timeout(120_000);
  const wb = useWorkbench('terminal', {
    workspace: join(repoRoot, 'test', 'vscode', 'fixtures', 'terminal'),
    prepare: (workspace) => {
      // The host launch sets $PROCS_TEST_FIXTURES; here the path is written in.
      const file = join(workspace, '.procs.json');
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('$PROCS_TEST_FIXTURES', join(repoRoot, 'test', 'fixtures')));
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      // The DOM renderer, so the terminal's text and colours can be read.
      const settings = { 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'terminal.integrated.gpuAcceleration': 'off' };
      writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    },
    viewport: { width: 1280, height: 800 },
  });

  it('shows the history in colour, then what the process echoes of a typed line', async () => {
    await wb.step('start echo from the Procs view', async () => {
      await wb.clickView('Procs');
      await wb.clickTreeAction('echo', 'Start');
      await wb.waitForTreeItem('echo', /^running/);
    });
    await wb.step('Procs: Open in Terminal… → echo: its history in green', async (page) => {
      await wb.pickInCommand('Procs: Open in Terminal…', 'echo');
      await wb.waitForText(/history 3/, { selector: '.part.panel .xterm-rows' });
      // ANSI green (32) is the terminal's colour 2.
      const green = await page.locator('.part.panel .xterm-rows span.xterm-fg-2', { hasText: 'history 3' }).count();
      assert.ok(green > 0, 'the history line is shown in green');
    });
    await wb.step('type a line: the process echoes it', async (page) => {
      await page.locator('.part.panel .xterm').first().click();
      await page.keyboard.type('hello procs');
      await page.keyboard.press('Enter');
      await wb.waitForText(/echo: hello procs/, { selector: '.part.panel .xterm-rows' });
      await wb.picture('terminal', [page.locator('.part.panel')]);
    });
  });
});
