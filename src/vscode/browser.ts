import * as vscode from 'vscode';
import { browserPorts, httpPorts, portDescription } from './webPorts';
import type { ProcessRef } from './targets';

/**
 * Opens a port of the process in the browser through `asExternalUri`, so a process in Remote SSH,
 * a Dev Container or Codespaces opens through the forwarded port. `port` picks one; else `among`
 * says which ports are candidates: `http` (the inline button) the HTTP-looking ones, or every port
 * where none looks like HTTP; `all` (the context menu) every port. One candidate opens at once,
 * several are offered in a pick. Resolves with the URI opened.
 */
export async function openInBrowser(ref: ProcessRef, among: 'http' | 'all', port?: number): Promise<vscode.Uri | undefined> {
  const resources = ref.entry.supervisor.resources;
  // The view may be hidden and nothing sampled yet: one reading now.
  if (!resources.latest(ref.process.name)) await resources.sampleNow();
  const sample = resources.latest(ref.process.name);
  const every = browserPorts(ref.process.spec, sample, ref.process.state);
  const http = httpPorts(ref.process.spec, sample, ref.process.state);
  const candidates = among === 'http' && http.length > 0 ? every.filter((socket) => socket.http) : every;
  const chosen = port ?? (candidates.length <= 1 ? candidates[0]?.port : await pickPort(ref.process.name, candidates));
  if (chosen === undefined) {
    if (candidates.length === 0) void vscode.window.showInformationMessage(`Procs: ${ref.process.name} listens on no port.`);
    return undefined;
  }
  const uri = await vscode.env.asExternalUri(vscode.Uri.parse(`http://localhost:${chosen}`));
  await vscode.env.openExternal(uri);
  return uri;
}

async function pickPort(name: string, ports: ReturnType<typeof browserPorts>): Promise<number | undefined> {
  const items = ports.map((socket) => ({
    label: `:${socket.port}`,
    description: portDescription(socket),
    port: socket.port,
  }));
  return (await vscode.window.showQuickPick(items, { placeHolder: `Open which port of ${name} in the browser?` }))?.port;
}
