import { createScanner, SyntaxKind } from 'jsonc-parser';

/** Far deeper than any real `.procs.json` (about 5 levels), far shallower than what overflows the parser's recursion. */
export const MAX_NESTING = 100;

/**
 * The offset of the first `{` or `[` that opens a level past `max`, or undefined. The parser,
 * the schema and the path lookups all recurse once per level, so 100,000 `[` would overflow the
 * stack; this scan is one loop over the tokens, with strings and comments skipped as the parser does.
 */
export function tooDeepAt(text: string, max = MAX_NESTING): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > max) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      // A stray closer is a syntax error the parser reports; it must not let later levels go uncounted.
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
