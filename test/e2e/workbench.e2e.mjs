// Smoke scenario: the workbench loads with Procs installed, no trust dialog
// blocks it, and the Command Palette works — the base every scenario needs.
import assert from 'node:assert';
import { useWorkbench } from './harness/workbench.mjs';

describe('workbench', function () {
  this.timeout(120_000);
  const wb = useWorkbench('workbench');

  it('loads the workspace with no trust dialog in the way', async () => {
    await wb.step('explorer shows the workspace', async (page) => {
      await wb.runCommand('View: Show Explorer');
      await wb.waitForText('.procs.json', { selector: '.part.sidebar' });
      assert.strictEqual(await page.getByRole('button', { name: /trust the authors/i }).count(), 0);
    });
  });

  it('runs the installed Procs extension', async () => {
    await wb.step('running extensions list Procs', async () => {
      // Local and fast (the Extensions view would query the unreachable marketplace).
      await wb.runCommand('Developer: Show Running Extensions');
      // The list may open as a modal editor, so look in the whole workbench: name + version.
      await wb.waitForText(/\bProcs\s+\d+\.\d+\.\d+/, { timeout: 30_000 });
    });
  });
});
