import * as vscode from 'vscode';
import type { ListeningSocket } from '../core/system/ports';
import type { ProcessNode } from './treeNodes';
import { portDescription } from './webPorts';

/** The command a port row runs from its globe and its context menu. */
export const OPEN_PORT_COMMAND = 'procs.openPortItem';

/**
 * One listening port of a running process, a row under the process: menus are static, so a row per
 * port is how each port gets an Open in Browser of its own (inline, and in its context menu).
 */
export class PortNode extends vscode.TreeItem {
  constructor(
    readonly parent: ProcessNode,
    readonly socket: ListeningSocket & { http: boolean },
  ) {
    super(`:${socket.port}`, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id ?? parent.process.name}:port:${socket.port}`;
    this.description = portDescription(socket);
    this.contextValue = socket.http ? 'procs.port.web' : 'procs.port';
    this.iconPath = new vscode.ThemeIcon('plug');
    this.tooltip = `${parent.process.name} listens on port ${socket.port} (${socket.address})`;
  }
}
