import stripAnsi from 'strip-ansi';

/**
 * Text as a person reads it in a plain file or panel: colour and cursor codes removed.
 * Most lines hold no escape at all, and checking for one is far cheaper than the full regex.
 */
export function removeAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
}

// ESC ] (OSC), ESC P (DCS), ESC _ (APC), ESC ^ (PM), ESC X (SOS), ESC k (a title): strip-ansi
// takes such a string up to its terminator, across line breaks and the lines between.
const STRING_INTRODUCER = /\u001b[\]P_^Xk]/;
/**
 * A string on one line: to its terminator, the next escape, or the line's end when the break cut
 * it. Not the Linux console's palette codes (`ESC ]P` and seven hex digits, `ESC ]R`), which are
 * whole without a terminator.
 */
const STRING_ON_LINE = /\u001b(?:\](?!P[\dA-Fa-f]{7}|R)|[P_^Xk])[^\u0007\u009c\u001b]*(?:\u0007|\u001b\\|\u009c|(?=\u001b)|$)/g;
/** What ends a string the line break cut, left at the start of a later line. */
const LONE_TERMINATOR = /\u0007|\u001b\\|\u009c/g;

/**
 * `removeAnsi` for lines, each ended by "\n": an escape never takes a line break, or the lines
 * after it, with it (a title left unterminated would swallow everything up to a later BEL).
 */
export function removeAnsiFromLines(text: string): string {
  if (!text.includes('\u001b') || !STRING_INTRODUCER.test(text)) return removeAnsi(text);
  return text.split('\n').map(removeAnsiFromLine).join('\n');
}

function removeAnsiFromLine(line: string): string {
  return removeAnsi(line.replace(STRING_ON_LINE, '')).replace(LONE_TERMINATOR, '');
}

const CSI = Buffer.from('\u009b');

/** Whether UTF-8 bytes hold what `removeAnsi` looks for: an ESC, or U+009B (CSI). */
export function holdsAnsi(bytes: Buffer): boolean {
  return bytes.includes(0x1b) || bytes.includes(CSI);
}
