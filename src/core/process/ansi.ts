// CSI (ESC [ or the 8-bit 0x9B, parameters, intermediates, one final byte) and
// OSC (ESC ], ended by BEL or ESC \), the sequences programs use for colour, cursor and titles.
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Text as a person would read it in a plain file: colour and cursor codes removed. */
export function removeAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}
