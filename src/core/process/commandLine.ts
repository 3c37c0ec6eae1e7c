/** A command as one line a person can paste into a shell: array parts are quoted where needed. */
export function commandLine(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}
