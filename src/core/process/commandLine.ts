/** A command as one line a person can paste into a shell: array parts are quoted where needed. */
export function commandLine(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// A `NAME=value` word: the value may be quoted, in parts, or cut short by a stray quote.
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(?:'[^']*'|"(?:\\.|[^"\\])*"|[^\s'"]+|['"])*(?:\s+|$)/;

/**
 * A shell command's leading environment, as words to show (`env`, and `NAME=…` for each
 * `NAME=value`, whose value may be a secret), and the command after it.
 */
export function leadingAssignments(command: string): { shown: string[]; rest: string } {
  let rest = command.trim();
  const shown: string[] = [];
  for (;;) {
    const env = /^env(?:\s+|$)/.exec(rest);
    const assignment = env ? undefined : ASSIGNMENT.exec(rest);
    if (!env && !assignment) return { shown, rest };
    shown.push(assignment ? `${assignment[1]}=…` : 'env');
    rest = rest.slice((env ?? assignment)![0].length);
  }
}

/** A command as output and states show it: as `commandLine`, without the values of a shell command's leading environment. */
export function shownCommandLine(command: string | readonly string[]): string {
  if (typeof command !== 'string') return commandLine(command);
  const { shown, rest } = leadingAssignments(command);
  return shown.some((word) => word !== 'env') ? [...shown, rest].filter((word) => word !== '').join(' ') : command;
}

// Words that make a command more than one program run: with them `exec` would change what the line does.
const SHELL_WORDS = new Set(
  'if then else elif fi case esac for while until do done function select time ! [[ { } exec cd export set unset alias source . eval trap ulimit umask wait readonly local shift return exit break continue'.split(' '),
);
// Lists, pipes, background jobs, subshells, command substitution, here-documents: more than one command.
const COMPOUND = /[;&|\n`(){}]|\$\(|<</;

/**
 * The script `/bin/sh -c` runs for a string command. A single simple command gets `exec`, so the shell
 * is replaced by the program and the pid Procs shows is the one that does the work (and holds the port).
 * Anything else (a list, a pipe, a leading `VAR=value`, a builtin) runs as written.
 */
export function shellScript(command: string): string {
  const trimmed = command.trim();
  const first = trimmed.split(/\s+/)[0] ?? '';
  // A plain program name or path: not quoted, not an assignment, not a builtin or reserved word.
  const simple = !COMPOUND.test(trimmed) && !SHELL_WORDS.has(first) && /^[\w@%+,./~-]+$/.test(first);
  return simple ? `exec ${trimmed}` : command;
}
