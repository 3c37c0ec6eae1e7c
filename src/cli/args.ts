export type CliCommand =
  | { kind: 'up'; configFile: string; selectors: string[]; attach: string | undefined }
  | { kind: 'check'; configFile: string }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export const USAGE = `Usage:
  procs up [selector…] [--config FILE] [--attach NAME]
                                         run the autostart processes (or those named) in the foreground;
                                         --attach sends what you type to NAME (it needs "stdin": true)
  procs check [--config FILE]            report problems in the config; exits 1 on errors
  procs --help | --version

A selector is a process name, an instance (api#2), a group, or "all".
By default the config is .procs.json in the current folder.`;

/** Parses argv (without node and script) into one command, or an error that names the bad word. */
export function parseArgs(argv: readonly string[], cwd: string): CliCommand {
  const words: string[] = [];
  let configFile = `${cwd}/.procs.json`;
  let attach: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') return { kind: 'help' };
    if (word === '--version' || word === '-v') return { kind: 'version' };
    if (word === '--config' || word === '-c') {
      const value = argv[++i];
      if (!value) return { kind: 'error', message: `${word} needs a file path` };
      configFile = value;
    } else if (word.startsWith('--config=')) {
      configFile = word.slice('--config='.length);
    } else if (word === '--attach') {
      const value = argv[++i];
      if (!value) return { kind: 'error', message: '--attach needs a process name' };
      attach = value;
    } else if (word.startsWith('--attach=')) {
      attach = word.slice('--attach='.length);
    } else if (word.startsWith('-')) {
      return { kind: 'error', message: `unknown option: ${word}` };
    } else {
      words.push(word);
    }
  }
  const [command, ...rest] = words;
  switch (command) {
    case 'up':
      return { kind: 'up', configFile, selectors: rest, attach };
    case 'check':
      if (attach !== undefined) return { kind: 'error', message: '--attach goes with up' };
      if (rest.length > 0) return { kind: 'error', message: `check takes no arguments: ${rest.join(' ')}` };
      return { kind: 'check', configFile };
    case undefined:
      return { kind: 'help' };
    default:
      return { kind: 'error', message: `unknown command: ${command}` };
  }
}
