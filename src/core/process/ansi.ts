import stripAnsi from 'strip-ansi';

/**
 * Text as a person reads it in a plain file or panel: colour and cursor codes removed.
 * Most lines hold no escape at all, and checking for one is far cheaper than the full regex.
 */
export function removeAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
}

/**
 * Whether UTF-8 bytes may hold an escape: an ESC, or the last byte of U+009B (CSI). Other
 * characters end in that byte too, which only costs them the text path.
 */
export function mayHoldAnsi(bytes: Buffer): boolean {
  return bytes.includes(0x1b) || bytes.includes(0x9b);
}
