import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { describeOnFixture, fixturePath, useFixture, waitFor } from './fixtures/kit';

/** The fixture's config with a key written twice: VS Code's JSON service warns about it, which tells us it has validated the text. */
function withDuplicate(original: string, extra: string): string {
  return original.replace('"server": { ', `"server": { ${extra}"group": "x", `);
}

describeOnFixture('.procs.json problems in the Problems panel', () => {
  const fixture = useFixture();
  let original: string;
  let document: vscode.TextDocument;
  const diagnostics = () => vscode.languages.getDiagnostics(document.uri);
  const fromProcs = () => diagnostics().filter((d) => d.source === 'procs');
  const fromJsonService = () => diagnostics().filter((d) => d.source !== 'procs');
  const about = (word: string) => diagnostics().filter((d) => d.message.includes(word));
  const seen = () => diagnostics().map((d) => `${d.source}: ${d.message} (${vscode.DiagnosticSeverity[d.severity]})`).join('; ');

  async function type(text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  before(async () => {
    await fixture.api.ready();
    original = fs.readFileSync(fixturePath('.procs.json'), 'utf8');
    assert.ok(original.includes('"server": { '), 'the fixture config has the shape this suite edits');
    document = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('.procs.json')));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    // The edits were never saved; the text on disk goes back into the editor, so nothing is left dirty.
    await type(original);
    assert.ok(await document.save());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => fixture.supervisor.config !== undefined && diagnostics().length === 0, { message: `the config as it was (seen: ${seen()})` });
  });

  it('regression: every config problem is reported twice: an unknown key and a wrong value once each, with the severity Procs acts on', async () => {
    await type(withDuplicate(original, '"autorestart": true, "restart": "sometimes", '));
    await waitFor(() => fromJsonService().some((d) => /duplicate/i.test(d.message)) && about('autorestart').length > 0 && about('restart:').length > 0, {
      message: `both the JSON service and Procs have seen the text (seen: ${seen()})`,
    });
    const unknown = diagnostics().filter((d) => /autorestart/.test(d.message));
    assert.strictEqual(unknown.length, 1, `one report of the unknown key (seen: ${seen()})`);
    assert.strictEqual(unknown[0].severity, vscode.DiagnosticSeverity.Warning);
    const wrongValue = diagnostics().filter((d) => /sometimes|restart:|"restart"|Value is not accepted/.test(d.message) && !/autorestart/.test(d.message));
    assert.strictEqual(wrongValue.length, 1, `one report of the wrong value (seen: ${seen()})`);
    assert.strictEqual(wrongValue[0].severity, vscode.DiagnosticSeverity.Error, 'an error: Procs does not apply the file');
    assert.deepStrictEqual(fromProcs().filter((d) => /more than once/.test(d.message)), [], 'the key written twice is left to the JSON service while the file is open');
  });

  it('regression: every config problem is reported twice: one missing comma counts as one error', async () => {
    // Procs's report of the unknown key goes once it has parsed the broken text (a syntax error stops it there).
    await type(withDuplicate(original, '"autorestart": true, ').replace('"group": "x", ', '"group": "x" '));
    await waitFor(() => fromProcs().length === 0 && fromJsonService().some((d) => d.severity === vscode.DiagnosticSeverity.Error), {
      message: `Procs has parsed the text and the JSON service reports the comma (seen: ${seen()})`,
    });
    const errors = diagnostics().filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.strictEqual(errors.length, 1, `one error (seen: ${seen()})`);
  });

  it('keeps completion and hover from the schema', async () => {
    await type(withDuplicate(original, '"restart": "never", '));
    const inServer = document.positionAt(document.getText().indexOf('"server": { ') + '"server": { '.length);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inServer);
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.some((label) => label.includes('autostart')), `autostart is offered (offered: ${labels.join(', ')})`);

    const onRestart = document.positionAt(document.getText().indexOf('"restart"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, onRestart);
    const text = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
    assert.match(text, /When to restart/);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', document.uri, document.positionAt(document.getText().indexOf('"never"') + 1),
    );
    const offered = values.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(offered.some((label) => label.includes('on-failure')), `the allowed values are offered (offered: ${offered.join(', ')})`);
  });
});
