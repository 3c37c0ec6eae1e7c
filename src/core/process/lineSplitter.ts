import { StringDecoder } from 'string_decoder';
import { ShortLineRuns } from './shortLineRuns';

/** Longest line handed on whole; longer ones are cut so one runaway line cannot exhaust memory. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Appended to every piece of a cut line, so readers can tell it continues. */
export const LINE_CUT_MARKER = ` … [line cut at ${MAX_LINE_BYTES} bytes]`;

// A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 units),
// so a line this short cannot pass the cap and needs no byte count.
const SAFE_CHARS = Math.floor(MAX_LINE_BYTES / 3);

// One for every splitter (a scan runs to its end before another can start), compiled at the first
// output rather than at start-up.
let shared: ShortLineRuns | undefined;

/**
 * Turns a byte stream into whole lines, handed on as blocks: each chunk's complete lines as one
 * string, every line ended by "\n". LF, CRLF and a lone CR each end a line (progress bars redraw
 * with CR). A run of short LF-ended lines is passed on as a slice of the chunk, with no string per
 * line: that is what keeps a flood cheap.
 */
export class LineSplitter {
  // StringDecoder holds back the bytes of a UTF-8 character split across chunks.
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private partialBytes = 0;
  // A CR was the last character seen: an LF right after it belongs to the same line end.
  private afterCr = false;
  /** The block being built: pieces of whole lines, each ended by "\n". */
  private pieces: string[] = [];
  private lineCount = 0;

  constructor(private readonly onBlock: (text: string, lineCount: number) => void) {}

  push(chunk: Buffer | string): void {
    this.scan(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    this.deliver();
  }

  /** Hands on the last unterminated line; call when the stream has ended. */
  flush(): void {
    this.scan(this.decoder.end());
    if (this.partialBytes > 0) this.emit();
    this.afterCr = false;
    this.deliver();
  }

  private scan(text: string): void {
    let start = 0;
    if (this.afterCr && text.length > 0) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.afterCr = false;
    }
    // text.slice(runStart, start) is a run of whole short LF-ended lines, already counted.
    let runStart = start;
    const runs = (shared ??= new ShortLineRuns(SAFE_CHARS));
    runs.load(text);
    // A CR is rare, so its position is looked up again only once passed.
    let nextCr = text.indexOf('\r', start);
    for (;;) {
      if (this.partial.length === 0) {
        start = runs.find(start);
        this.lineCount += runs.count;
      }
      // What is left at start is a line that is long, ends with a CR, is joined to a partial one or is not ended yet.
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      const nextLf = text.indexOf('\n', start);
      const end = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf) ? nextCr : nextLf;
      if (end === -1) break;
      const short = this.partial.length === 0 && end - start <= SAFE_CHARS;
      this.closeRun(text, runStart, start);
      if (short) this.addLine(text.slice(start, end));
      else {
        this.append(text.slice(start, end));
        this.emit();
      }
      start = end + 1;
      if (end === nextCr) {
        if (start === text.length) this.afterCr = true;
        else if (text.charCodeAt(start) === 10) start++;
      }
      runStart = start;
    }
    this.closeRun(text, runStart, start);
    this.append(text.slice(start));
  }

  private closeRun(text: string, runStart: number, runEnd: number): void {
    if (runEnd > runStart) this.pieces.push(runStart === 0 && runEnd === text.length ? text : text.slice(runStart, runEnd));
  }

  private addLine(line: string): void {
    this.pieces.push(`${line}\n`);
    this.lineCount++;
  }

  private deliver(): void {
    if (this.lineCount === 0) return;
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    const lineCount = this.lineCount;
    this.pieces = [];
    this.lineCount = 0;
    this.onBlock(text, lineCount);
  }

  private append(piece: string): void {
    if (piece.length === 0) return;
    this.partial += piece;
    this.partialBytes += Buffer.byteLength(piece);
    while (this.partialBytes > MAX_LINE_BYTES) this.cut();
  }

  /** Hands on the first MAX_LINE_BYTES bytes (never half a character) with the marker. */
  private cut(): void {
    const bytes = Buffer.from(this.partial, 'utf8');
    let end = MAX_LINE_BYTES;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
    this.addLine(bytes.subarray(0, end).toString('utf8') + LINE_CUT_MARKER);
    this.partial = bytes.subarray(end).toString('utf8');
    this.partialBytes = bytes.length - end;
  }

  private emit(): void {
    const line = this.partial;
    this.partial = '';
    this.partialBytes = 0;
    this.addLine(line);
  }
}
