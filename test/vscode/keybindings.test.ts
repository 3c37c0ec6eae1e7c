import * as assert from 'assert';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { describeOnFixture, EXTENSION_ID, waitFor } from './fixtures/kit';

interface Keybinding {
  key: string;
  command: string;
  when?: string;
}

describeOnFixture('default keybindings', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('binds Procs: Restart… and Procs: Show Output… to keys no default keybinding of this VS Code uses', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { keybindings: Keybinding[] } };
    const ours = manifest.contributes.keybindings;
    assert.deepStrictEqual(ours.map((binding) => binding.command).sort(), ['procs.restart', 'procs.showOutput']);

    // VS Code's own list of its default keybindings (the ones of the platform it runs on), as the user can open it.
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('keybindings.json') === true, { message: 'the default keybindings open' });
    const defaults = parse(vscode.window.activeTextEditor?.document.getText() ?? '') as Keybinding[];
    assert.ok(defaults.length > 500, `the default keymap is there (${defaults.length} entries)`);

    const keyOf = (binding: Keybinding): string => binding.key.toLowerCase();
    for (const binding of ours) {
      const clashes = defaults.filter((other) => !other.command.startsWith('procs.') && (keyOf(other) === binding.key || keyOf(other).startsWith(`${binding.key} `) || binding.key.startsWith(`${keyOf(other)} `)));
      const taken = defaults.filter((other) => keyOf(other).startsWith('ctrl+shift+alt+')).map(keyOf);
      assert.deepStrictEqual(clashes, [], `${binding.key} (${binding.command}) is free (ctrl+shift+alt keys in use: ${[...new Set(taken)].join(' ')})`);
    }
  });
});
