import { EMPTY, I32, V128, WasmKernel, addTo, get, i32, MEMARG, op, set, simd, splat } from '../core/wasm/wasmModule';

// Putting a prefix before each of a flood's lines costs JavaScript 40-60 ns a line however it is
// written (a replace builds a rope of two strings a line, and encoding it flattens the rope): as
// much CPU as the floor supervisor spends piping the same bytes. This kernel does it in
// WebAssembly on the UTF-8 bytes, sixteen at a time with SIMD.

// Parameters, then locals, by index.
const SRC = 0;
const SRC_LENGTH = 1;
const HEAD = 2;
const HEAD_LENGTH = 3;
const TAIL = 4;
const TAIL_LENGTH = 5;
const OUT = 6;
const READ = 7;
const WRITTEN = 8;
const LF_OFFSET = 9;
const COPIED = 10;
const ENDS = 11;
const VECTOR = 12;

// A head or tail is a few bytes: copied a word at a time, it costs less than the call that
// `memory.copy` makes into the engine. It may write up to 7 bytes past its end, which the next write covers.
const copy = (from: number, length: number): number[] => [
  ...i32(0), ...set(COPIED),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(COPIED), ...get(length), op.i32GeU, op.brIf, 1,
  ...get(WRITTEN), ...get(COPIED), op.i32Add,
  ...get(from), ...get(COPIED), op.i32Add, op.i64Load, ...MEMARG,
  op.i64Store, ...MEMARG,
  ...addTo(COPIED, ...i32(8)),
  op.br, 0,
  op.end,
  op.end,
  ...addTo(WRITTEN, ...get(length)),
];

const LF = 10;

/**
 * frame(src, srcLength, head, headLength, tail, tailLength, out) -> bytes written at out:
 * each line of src (every one ended by LF) becomes head + line + tail + LF.
 * Sixteen bytes are read and written at a time, so src needs 16 readable bytes after it and out 16 writable ones.
 */
const BODY = [
  ...get(OUT), ...set(WRITTEN),
  ...copy(HEAD, HEAD_LENGTH),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(READ), ...get(SRC_LENGTH), op.i32GeU, op.brIf, 1,
  ...get(SRC), ...get(READ), op.i32Add, ...simd.v128Load, ...MEMARG, ...set(VECTOR),
  ...get(WRITTEN), ...get(VECTOR), ...simd.v128Store, ...MEMARG,
  ...get(VECTOR), ...splat(LF, 8), ...simd.i8x16Eq, ...simd.i8x16Bitmask, ...set(ENDS),
  ...get(ENDS), op.i32Eqz,
  op.if, EMPTY,
  ...addTo(READ, ...i32(16)),
  ...addTo(WRITTEN, ...i32(16)),
  op.else,
  ...get(ENDS), op.i32Ctz, ...set(LF_OFFSET),
  ...addTo(READ, ...get(LF_OFFSET), ...i32(1), op.i32Add),
  ...addTo(WRITTEN, ...get(LF_OFFSET)),
  ...copy(TAIL, TAIL_LENGTH),
  ...get(WRITTEN), ...i32(LF), op.i32Store8, ...MEMARG,
  ...addTo(WRITTEN, ...i32(1)),
  ...get(READ), ...get(SRC_LENGTH), op.i32LtU,
  op.if, EMPTY,
  ...copy(HEAD, HEAD_LENGTH),
  op.end,
  op.end,
  op.br, 0,
  op.end,
  op.end,
  ...get(WRITTEN), ...get(OUT), op.i32Sub,
];

/** The bytes one UTF-16 unit can take in UTF-8, at most. */
const MAX_UTF8 = 3;
const SLACK = 16;

type Frame = (src: number, srcLength: number, head: number, headLength: number, tail: number, tailLength: number, out: number) => number;

const KERNEL = { params: Array<number>(7).fill(I32), result: I32, locals: [I32, I32, I32, I32, I32, V128], body: BODY };

// A batch's output of this size or more goes into a buffer that is reused once written: fresh ones
// cost page faults and cache misses. Smaller ones are left to Node's pool, since a held pooled
// buffer behind each of many small queued writes would dwarf what stdout counts as pending.
const POOLED_FROM = 16 * 1024;
const POOLED_SIZE = 64 * 1024;
// Written buffers are kept up to this many bytes: more than a reader that falls behind lets stdout
// hold (`procs up` stops reading its processes at 1 MiB pending), so a flood into a slow pipe
// reuses every buffer instead of paying for all but a few afresh.
const SPARE_BYTES = 2 * 1024 * 1024;

/** Frames lines with a head and a tail. */
export class LineFramer {
  private readonly kernel: WasmKernel<Frame> | undefined;
  private readonly pooled = new WeakSet<ArrayBufferLike>();
  private readonly spare: Buffer[] = [];
  private spareBytes = 0;

  /** @param kernel false to take the plain path, as where WebAssembly SIMD is missing */
  constructor(kernel = true) {
    this.kernel = kernel ? WasmKernel.create<Frame>(KERNEL) : undefined;
  }

  /** True when the WebAssembly kernel does the work. */
  get accelerated(): boolean {
    return this.kernel !== undefined;
  }

  /**
   * `lines` holds `lineCount` lines, each ended by "\n" (a last one without is ended here), as text
   * or as pieces of UTF-8; each comes back as head + line + tail + "\n", in UTF-8. Hand the result
   * to `release` once it is written, and not before.
   */
  frame(lines: string | readonly Buffer[], lineCount: number, head: string, tail: string): Buffer {
    if (!this.kernel) return framePlain(typeof lines === 'string' ? lines : Buffer.concat(lines).toString('utf8'), head, tail);
    const room = typeof lines === 'string' ? lines.length * MAX_UTF8 : lines.reduce((sum, piece) => sum + piece.length, 0);
    if (room === 0) return Buffer.alloc(0);
    const headRoom = head.length * MAX_UTF8;
    const tailRoom = tail.length * MAX_UTF8;
    // Room for an LF to end a last line that lacks one.
    const srcRoom = room + 1 + SLACK;
    const srcAt = headRoom + tailRoom;
    const outAt = srcAt + srcRoom;
    this.kernel.reserve(outAt + srcRoom + (lineCount + 1) * (headRoom + tailRoom));
    const { bytes } = this.kernel;
    const headLength = bytes.write(head, 0, 'utf8');
    const tailLength = bytes.write(tail, headRoom, 'utf8');
    let srcLength = typeof lines === 'string' ? bytes.write(lines, srcAt, 'utf8') : copyInto(bytes, lines, srcAt);
    if (bytes[srcAt + srcLength - 1] !== LF) bytes[srcAt + srcLength++] = LF;
    const length = this.kernel.fn(srcAt, srcLength, 0, headLength, headRoom, tailLength, outAt);
    const framed = bytes.subarray(outAt, outAt + length);
    if (length < POOLED_FROM) return Buffer.from(framed);
    const into = this.buffer(length);
    framed.copy(into);
    return into;
  }

  /** Takes back a result of `frame` that is written, to hold a later batch. */
  release(framed: Buffer): void {
    const whole = framed.buffer;
    if (!this.pooled.has(whole) || this.spareBytes + whole.byteLength > SPARE_BYTES || this.spare.some((spare) => spare.buffer === whole)) return;
    this.spare.push(Buffer.from(whole));
    this.spareBytes += whole.byteLength;
  }

  private buffer(length: number): Buffer {
    const fits = this.spare.findIndex((spare) => spare.length >= length);
    if (fits !== -1) {
      const [spare] = this.spare.splice(fits, 1);
      this.spareBytes -= spare.length;
      return spare.subarray(0, length);
    }
    // An ArrayBuffer of its own (never Node's shared pool), so `release` can take all of it back.
    const whole = Buffer.allocUnsafeSlow(Math.max(length, POOLED_SIZE));
    this.pooled.add(whole.buffer);
    return whole.subarray(0, length);
  }
}

/** What the kernel does, in JavaScript. */
function framePlain(text: string, head: string, tail: string): Buffer {
  if (text.length === 0) return Buffer.alloc(0);
  const ended = text.endsWith('\n') ? text.slice(0, -1) : text;
  return Buffer.from(`${head}${ended.replaceAll('\n', `${tail}\n${head}`)}${tail}\n`);
}

/** Copies `pieces` one after another into `bytes` from `at`; returns how many bytes that was. */
function copyInto(bytes: Buffer, pieces: readonly Buffer[], at: number): number {
  let offset = at;
  for (const piece of pieces) offset += piece.copy(bytes, offset);
  return offset - at;
}
