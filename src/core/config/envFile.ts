/**
 * Reads dotenv text: `KEY=value`, `export KEY=value`, single, double or backtick quotes (double
 * quotes understand \n \r \t \" \\ and may span lines), `#` comments, empty lines. No `${VAR}`
 * expansion: what is written is what the process gets. Values are secrets as far as we know, so
 * nothing here logs or reports them; problems name line numbers only.
 */
export interface EnvFileContents {
  values: Record<string, string>;
  /** 1-based lines that are not `KEY=value`; they are skipped. */
  invalidLines: number[];
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function parseEnvFile(text: string): EnvFileContents {
  const lines = text.split(/\r\n|\r|\n/);
  const values: Record<string, string> = {};
  const invalidLines: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      invalidLines.push(index + 1);
      continue;
    }
    const [, key, rest] = match;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const quoted = readQuoted(lines, index, rest, quote);
      if (quoted === undefined) {
        invalidLines.push(index + 1);
        continue;
      }
      values[key] = quoted.value;
      index = quoted.lastLine;
    } else {
      // An unquoted value ends at a comment, which needs whitespace before its `#` (so `a#b` stays whole).
      values[key] = rest.replace(/\s+#.*$/, '').trim();
    }
  }
  return { values, invalidLines };
}

/** A quoted value starting on `lines[first]`; it may continue onto later lines until its closing quote. */
function readQuoted(lines: string[], first: number, rest: string, quote: string): { value: string; lastLine: number } | undefined {
  let value = '';
  let text = rest.slice(1);
  for (let lineIndex = first; lineIndex < lines.length; lineIndex++) {
    if (lineIndex > first) {
      value += '\n';
      text = lines[lineIndex];
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === quote) return { value, lastLine: lineIndex };
      if (quote === '"' && ch === '\\' && i + 1 < text.length) {
        const next = text[++i];
        value += DOUBLE_QUOTE_ESCAPES[next] ?? `\\${next}`;
      } else {
        value += ch;
      }
    }
  }
  return undefined;
}
