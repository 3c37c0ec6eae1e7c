// Runs the same test/vscode suites in desktop VS Code through
// @vscode/test-electron (needs internet to download VS Code, or a local
// install via VSCODE_EXECUTABLE). Offline/headless CI uses the code-server
// runner (scripts/test-vscode.mjs) instead.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../../..');
  const fixture = path.join(repoRoot, 'test', 'vscode', 'fixtures', 'workspace');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'procs-desktop-ws-'));
  if (fs.existsSync(fixture)) fs.cpSync(fixture, workspace, { recursive: true });

  const resultsFile = path.join(workspace, '..', `procs-desktop-results-${process.pid}.json`);
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { PROCS_TEST_RESULTS: resultsFile },
    });
    if (fs.existsSync(resultsFile)) console.log(fs.readFileSync(resultsFile, 'utf8'));
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(resultsFile, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error('Desktop VS Code tests failed:', err);
  process.exit(1);
});
