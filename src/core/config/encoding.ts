/** Bytes looked at for a NUL pattern: a few dozen characters say it as well as the whole file. */
const SAMPLE_BYTES = 64;

/**
 * Whether a config's bytes are UTF-16 (Windows "Unicode"), which read as UTF-8 give one
 * "unexpected character" per character. By its byte order mark, or without one by the NUL
 * beside every ASCII character; UTF-8 JSON never holds a NUL byte.
 */
export function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  let pairs = 0;
  let nulFirst = 0;
  let nulSecond = 0;
  for (let i = 0; i + 1 < Math.min(bytes.length, SAMPLE_BYTES); i += 2) {
    pairs++;
    if (bytes[i] === 0 && bytes[i + 1] !== 0) nulFirst++;
    if (bytes[i] !== 0 && bytes[i + 1] === 0) nulSecond++;
  }
  // Most pairs, not all: a non-ASCII character among the first ones has no NUL.
  return pairs > 0 && Math.max(nulFirst, nulSecond) * 2 > pairs;
}
