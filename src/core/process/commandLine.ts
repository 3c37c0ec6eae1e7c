/** A command as one line a person can paste into a shell: array parts are quoted where needed. */
export function commandLine(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// A `NAME=value` word. Its value may be quoted (backticks too), escaped or in parts; it ends at a space or an
// operator, and a quote left open takes the rest of the line, as the shell would. A plain part is
// one character: a run inside the repeated group would backtrack without end on a failed match.
const VALUE_PART = String.raw`'[^']*'|"(?:\\[\s\S]|[^"\\])*"|\`[^\`]*\`|'[^']*$|"(?:\\[\s\S]|[^"\\])*$|\`[^\`]*$|\\(?:[\s\S]|$)|[^\s'"\`\\;&|<>()]`;
const ASSIGNMENT = new RegExp(String.raw`^([A-Za-z_][A-Za-z0-9_]*)=(?:${VALUE_PART})*(?:\s+|$|(?=[;&|<>()]))`);
const NAME_EQUALS = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const ENV = /^env(?:\s+|$)/;
// `env`'s options: `-u NAME` and `-C dir` take the next word.
const ENV_OPTION = /^(?:-[uC]\s+\S+|-\S*)(?:\s+|$)/;

/**
 * A shell command's leading environment, as words to show (`env` and its options, and `NAME=…`
 * for each `NAME=value`, whose value may be a secret), and the command after it.
 */
export function leadingAssignments(command: string): { shown: string[]; rest: string } {
  let rest = command.trim();
  const shown: string[] = [];
  let afterEnv = false;
  for (;;) {
    const word: RegExpExecArray | null = ENV.exec(rest) ?? (afterEnv ? ENV_OPTION.exec(rest) : null);
    const assignment = word ? null : ASSIGNMENT.exec(rest);
    if (!word && !assignment) return { shown, rest };
    afterEnv = word !== null || afterEnv;
    shown.push(assignment ? `${assignment[1]}=…` : word![0].trim());
    rest = rest.slice((word ?? assignment)![0].length);
  }
}

/**
 * A command as output and states show it: as `commandLine`, without the values of its leading
 * environment (a shell command's `NAME=value` words, or those after an `env` program).
 */
export function shownCommandLine(command: string | readonly string[]): string {
  if (typeof command !== 'string') return commandLine(withoutEnvValues(command));
  const { shown, rest } = leadingAssignments(command);
  return shown.some((word) => word.endsWith('=…')) ? [...shown, rest].filter((word) => word !== '').join(' ') : command;
}

/** `['env', '-i', 'TOKEN=abc', 'curl']` as `['env', '-i', 'TOKEN=…', 'curl']`. */
function withoutEnvValues(command: readonly string[]): readonly string[] {
  if (command.length === 0 || command[0].split(/[\\/]/).pop() !== 'env') return command;
  const shown = [command[0]];
  let at = 1;
  for (; at < command.length; at++) {
    const part = command[at];
    const name = NAME_EQUALS.exec(part);
    if (name) shown.push(`${name[1]}=…`);
    else if (part.startsWith('-')) shown.push(part, ...(part === '-u' || part === '-C' ? [command[++at] ?? ''] : []));
    else break;
  }
  return [...shown, ...command.slice(at)];
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
