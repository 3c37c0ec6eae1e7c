// What a message shows of a command line: the program, and after it a port (up to five digits) or
// a script (a path, or a file with a script's extension), each path by its file name. Anything
// else may be a value a shell expanded into the line (`--token $API_TOKEN`): "…" from there.
const PORT = /^\d{1,5}$/;
const SCRIPT = /^[\w./-]+$/;
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|py|rb|php|pl|sh|jar)$/;
const SHOWN_ARGUMENTS = 4;

/** `node server.js 3000`, `node vite …`, `python3 …`: enough to tell which server it is, and never a secret in it. */
export function briefCommand(command: string): string {
  const [program = '', ...args] = command.split(' ');
  const shown = [baseName(program)];
  for (const arg of args) {
    const script = SCRIPT.test(arg) && (arg.includes('/') || SCRIPT_EXTENSION.test(arg));
    if (shown.length > SHOWN_ARGUMENTS || !(PORT.test(arg) || script)) {
      shown.push('…');
      break;
    }
    shown.push(baseName(arg));
  }
  return shown.join(' ');
}

const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);
