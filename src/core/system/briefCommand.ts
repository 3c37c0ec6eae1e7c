// An argument a message shows: a number (a port) or a file with an extension (the script). Anything
// else may be a value a shell expanded into the command line (`--token $API_TOKEN`): "…" from there.
const SHOWN_ARGUMENT = /^(?:\d+|[\w@./-]*\.[a-z]{1,4})$/i;
const SHOWN_ARGUMENTS = 4;

/** `node server.js 3000`, `python3 …`: enough of a command line to tell which server it is, and never a secret in it. */
export function briefCommand(command: string): string {
  const [program = '', ...args] = command.split(' ');
  const shown = [baseName(program)];
  for (const arg of args) {
    if (shown.length > SHOWN_ARGUMENTS || !SHOWN_ARGUMENT.test(arg)) {
      shown.push('…');
      break;
    }
    shown.push(baseName(arg));
  }
  return shown.join(' ');
}

const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);
