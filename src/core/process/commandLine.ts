/** A command as one line a person can paste into a shell: array parts are quoted where needed. */
export function commandLine(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
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
