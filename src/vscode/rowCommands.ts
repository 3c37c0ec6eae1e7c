/**
 * Palette commands that ask which process when run bare ("Procs: Start…"), each with a twin for the
 * tree's rows ("Start"). VS Code shows a command's one title in every menu, and by its convention
 * "…" says more input follows: true in the palette, where a pick follows, not on a row, which already
 * names the process. The twin runs the same handler; package.json hides it from the palette and puts
 * only the twin in the rows' menus. No keyboard shortcut changes: keybindings name the palette command.
 */
export const PICKING_COMMANDS = [
  'procs.start',
  'procs.stop',
  'procs.restart',
  'procs.showOutput',
  'procs.openTerminal',
  'procs.debug',
  'procs.stopDebugging',
  'procs.openInBrowser',
] as const;

/** The row twin of a picking command: `procs.start` → `procs.startItem`. */
export function rowTwin(command: (typeof PICKING_COMMANDS)[number]): string {
  return `${command}Item`;
}
