import stripAnsi from 'strip-ansi';

/**
 * Text as a person reads it in a plain file or panel: colour and cursor codes removed.
 * Most lines hold no escape at all, and checking for one is far cheaper than the full regex.
 */
export function removeAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
}

// ESC ] (OSC), ESC P (DCS), ESC _ (APC), ESC ^ (PM), ESC X (SOS), and their one-character forms:
// strip-ansi takes such a string up to its terminator, across line breaks and the lines between.
const STRING_INTRODUCER = /\u001b[\]P_^X]|[\u0090\u0098\u009d-\u009f]/;

/**
 * `removeAnsi` for lines, each ended by "\n": an escape never takes a line break, or the lines
 * after it, with it (a title left unterminated would swallow everything up to a later BEL).
 */
export function removeAnsiFromLines(text: string): string {
  if (!STRING_INTRODUCER.test(text)) return removeAnsi(text);
  return text.split('\n').map(removeAnsiFromLine).join('\n');
}

const CUT_STRING_START = new RegExp(`(?:${STRING_INTRODUCER.source}).*$`);
const STRING_TERMINATOR = /\u0007|\u001b\\|\u009c/g;

/** What strip-ansi leaves of a string the line break cut: its start runs to the line's end, its end is a lone terminator. */
function removeAnsiFromLine(line: string): string {
  return removeAnsi(line).replace(CUT_STRING_START, '').replace(STRING_TERMINATOR, '');
}

const CSI = Buffer.from('\u009b');

/** Whether UTF-8 bytes hold what `removeAnsi` looks for: an ESC, or U+009B (CSI). */
export function holdsAnsi(bytes: Buffer): boolean {
  return bytes.includes(0x1b) || bytes.includes(CSI);
}
