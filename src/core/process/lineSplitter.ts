import { ShortLineRuns } from './shortLineRuns';

/** Longest line handed on whole; longer ones are cut so one runaway line cannot exhaust memory. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Appended to every piece of a cut line, so readers can tell it continues. */
export const LINE_CUT_MARKER = ` … [line cut at ${MAX_LINE_BYTES} bytes]`;
const MARKER_BYTES = Buffer.from(LINE_CUT_MARKER);

const LF = 10;
const CR = 13;
const LF_BYTES = Buffer.from('\n');

// One for every splitter (blocks are handed on only once a scan is over, so a sink that feeds
// another splitter cannot start a scan inside one), compiled at the first output rather than at start-up.
let shared: ShortLineRuns | undefined;

/**
 * Turns a byte stream into whole lines, handed on as blocks of UTF-8, every line ended by "\n".
 * LF, CRLF and a lone CR each end a line (progress bars redraw with CR). A run of short LF-ended
 * lines that is most of a pipe read is handed on as a slice of it, with no copy and no decoding:
 * that is what keeps a flood cheap. Other lines (joined across reads, ended by a CR, cut, or a
 * small run) are gathered into one block between runs. An LF or CR byte is never part of a longer
 * UTF-8 character, so lines are found in the bytes, and a character split across reads stays whole
 * in the partial line that holds it.
 */
export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  // A CR was the last byte seen: an LF right after it belongs to the same line end.
  private afterCr = false;
  /** Whole lines waiting to be joined into one block, each ended by "\n". */
  private joined: Buffer[] = [];
  private joinedLines = 0;
  /** Lines of the run being passed over. */
  private runLines = 0;
  /** Blocks of the scan under way, handed on when it is over: bytes and line count. */
  private ready: Array<[Buffer, number]> = [];

  constructor(private readonly onBlock: (bytes: Buffer, lineCount: number) => void) {}

  push(chunk: Buffer | string): void {
    this.scan(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    this.handOn();
  }

  /** Hands on the last unterminated line; call when the stream has ended. */
  flush(): void {
    if (this.partialBytes > 0) this.emit();
    this.afterCr = false;
    this.handOn();
  }

  private scan(bytes: Buffer): void {
    let start = 0;
    if (this.afterCr && bytes.length > 0) {
      if (bytes[0] === LF) start = 1;
      this.afterCr = false;
    }
    // bytes[runStart, start) is a run of whole short LF-ended lines, counted in runLines.
    let runStart = start;
    const runs = (shared ??= new ShortLineRuns(MAX_LINE_BYTES));
    runs.load(bytes);
    // A CR is rare, so its position is looked up again only once passed.
    let nextCr = bytes.indexOf(CR, start);
    for (;;) {
      if (this.partialBytes === 0) {
        start = runs.find(start);
        this.runLines += runs.count;
      }
      // What is left at start is a line that is long, ends with a CR, is joined to a partial one or is not ended yet.
      if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(CR, start);
      const nextLf = bytes.indexOf(LF, start);
      const end = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf) ? nextCr : nextLf;
      if (end === -1) break;
      this.closeRun(bytes, runStart, start);
      this.append(bytes.subarray(start, end));
      this.emit();
      start = end + 1;
      if (end === nextCr) {
        if (start === bytes.length) this.afterCr = true;
        else if (bytes[start] === LF) start++;
      }
      runStart = start;
    }
    this.closeRun(bytes, runStart, start);
    this.append(bytes.subarray(start));
  }

  private closeRun(bytes: Buffer, runStart: number, runEnd: number): void {
    if (runEnd === runStart) return;
    const run = runStart === 0 && runEnd === bytes.length ? bytes : bytes.subarray(runStart, runEnd);
    const lines = this.runLines;
    this.runLines = 0;
    // A slice holds its whole read in memory: one that is most of it goes on as it is, a small one is copied with the rest.
    if (run.length * 2 < run.buffer.byteLength) {
      this.joined.push(run);
      this.joinedLines += lines;
      return;
    }
    this.closeJoined();
    this.ready.push([run, lines]);
  }

  private addLine(line: Buffer): void {
    this.joined.push(line, LF_BYTES);
    this.joinedLines++;
  }

  private closeJoined(): void {
    if (this.joinedLines === 0) return;
    this.ready.push([Buffer.concat(this.joined), this.joinedLines]);
    this.joined = [];
    this.joinedLines = 0;
  }

  private handOn(): void {
    this.closeJoined();
    const blocks = this.ready;
    this.ready = [];
    for (const [bytes, lineCount] of blocks) this.onBlock(bytes, lineCount);
  }

  private append(piece: Buffer): void {
    if (piece.length === 0) return;
    this.partial.push(piece);
    this.partialBytes += piece.length;
    while (this.partialBytes > MAX_LINE_BYTES) this.cut();
  }

  /** Hands on the first MAX_LINE_BYTES bytes (never half a character) with the marker. */
  private cut(): void {
    const bytes = this.takePartial();
    // A character is at most 4 bytes: more continuation bytes than 3 are not UTF-8, and are cut where they are.
    let end = MAX_LINE_BYTES;
    while (end > MAX_LINE_BYTES - 3 && (bytes[end] & 0xc0) === 0x80) end--;
    if ((bytes[end] & 0xc0) === 0x80) end = MAX_LINE_BYTES;
    this.addLine(Buffer.concat([bytes.subarray(0, end), MARKER_BYTES]));
    this.partial = [bytes.subarray(end)];
    this.partialBytes = bytes.length - end;
  }

  private emit(): void {
    this.addLine(this.takePartial());
  }

  /** The partial line as one buffer, no longer held here. */
  private takePartial(): Buffer {
    const line = this.partial.length === 1 ? this.partial[0] : Buffer.concat(this.partial, this.partialBytes);
    this.partial = [];
    this.partialBytes = 0;
    return line;
  }
}
