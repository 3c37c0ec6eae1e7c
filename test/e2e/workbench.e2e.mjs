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

  it('lists the Procs extension as installed', async () => {
    await wb.step('extensions view shows Procs', async (page) => {
      await wb.runCommand('View: Show Extensions');
      await page.keyboard.type('@installed procs');
      await wb.waitForText(/Procs/, { selector: '.part.sidebar', timeout: 30_000 });
    });
  });
});
