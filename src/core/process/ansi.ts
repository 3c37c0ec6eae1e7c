import stripAnsi from 'strip-ansi';

/**
 * Text as a person reads it in a plain file or panel: colour and cursor codes removed.
 * Most lines hold no escape at all, and checking for one is far cheaper than the full regex.
 */
export function removeAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
}

const CSI = Buffer.from('\u009b');

/** Whether UTF-8 bytes hold what `removeAnsi` looks for: an ESC, or U+009B (CSI). */
export function holdsAnsi(bytes: Buffer): boolean {
  return bytes.includes(0x1b) || bytes.includes(CSI);
}
