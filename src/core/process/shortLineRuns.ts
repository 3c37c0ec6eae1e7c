import { EMPTY, I32, V128, WasmKernel, addTo, get, i32, MEMARG, op, set, simd, splat } from '../wasm/wasmModule';

// Finding a flood's line ends one indexOf at a time costs 20-30 ns a line in calls alone. This
// kernel reads the bytes as they came from the pipe, sixteen at a time with SIMD, and passes over a
// whole run of short LF-ended lines in one call. In UTF-8 an LF or CR byte is never part of another
// character, so the bytes need no decoding first.

// Parameters, then locals, by index.
const BYTES = 0;
const FROM = 1;
const LENGTH = 2;
const MAX_LINE = 3;
const POS = 4;
const LINE_START = 5;
const COUNT = 6;
const AT = 7;
const LFS = 8;
const CRS = 9;
const VECTOR = 10;

const LF = 10;
const CR = 13;
/** Where the kernel leaves the number of lines it passed. */
const COUNT_AT = 0;
const BYTES_AT = 16;
/** Zero bytes after the input, so the last vector read holds no stale LF or CR. */
const PADDING = 16;

/**
 * find(bytes, from, length, maxLine) -> the index just after the last line of the run that starts
 * at `from`: lines each ended by LF, with no CR, at most maxLine bytes long before their LF.
 * Leaves the number of those lines at COUNT_AT.
 */
const BODY = [
  ...get(FROM), ...set(POS),
  ...get(FROM), ...set(LINE_START),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(POS), ...get(LENGTH), op.i32GeU, op.brIf, 1,
  // One bit for each of the sixteen bytes at POS that is an LF, and one for each that is a CR.
  ...get(BYTES), ...get(POS), op.i32Add, ...simd.v128Load, ...MEMARG, ...set(VECTOR),
  ...get(VECTOR), ...splat(LF, 8), ...simd.i8x16Eq, ...simd.i8x16Bitmask, ...set(LFS),
  ...get(VECTOR), ...splat(CR, 8), ...simd.i8x16Eq, ...simd.i8x16Bitmask, ...set(CRS),
  // The run stops before the line of the first CR: only the LFs before it count.
  ...get(CRS), op.i32Eqz, op.i32Eqz,
  op.if, EMPTY,
  ...get(LFS), ...get(CRS), ...get(CRS), ...i32(1), op.i32Sub, op.i32Xor, op.i32And, ...set(LFS),
  op.end,
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(LFS), op.i32Eqz, op.brIf, 1,
  ...get(POS), ...get(LFS), op.i32Ctz, op.i32Add, ...set(AT),
  ...get(AT), ...get(LINE_START), op.i32Sub, ...get(MAX_LINE), op.i32GtU, op.brIf, 3,
  ...addTo(COUNT, ...i32(1)),
  ...get(AT), ...i32(1), op.i32Add, ...set(LINE_START),
  ...get(LFS), ...get(LFS), ...i32(1), op.i32Sub, op.i32And, ...set(LFS),
  op.br, 0,
  op.end,
  op.end,
  ...get(CRS), op.i32Eqz, op.i32Eqz, op.brIf, 1,
  ...addTo(POS, ...i32(16)),
  op.br, 0,
  op.end,
  op.end,
  ...i32(COUNT_AT), ...get(COUNT), op.i32Store, ...MEMARG,
  ...get(LINE_START),
];

type Find = (bytes: number, from: number, length: number, maxLine: number) => number;

const KERNEL = { params: [I32, I32, I32, I32], result: I32, locals: [I32, I32, I32, I32, I32, I32, V128], body: BODY };

/** Runs of short LF-ended lines in one piece of output at a time. */
export class ShortLineRuns {
  private readonly kernel: WasmKernel<Find> | undefined;
  private bytes: Buffer = Buffer.alloc(0);
  /** How many lines the last `find` passed. */
  count = 0;

  /** True when the WebAssembly kernel does the work. */
  get accelerated(): boolean {
    return this.kernel !== undefined;
  }

  /**
   * @param maxLine the longest line (in bytes, before its LF) a run may hold
   * @param kernel false to take the plain path, as where WebAssembly SIMD is missing
   */
  constructor(
    private readonly maxLine: number,
    kernel = true,
  ) {
    this.kernel = kernel ? WasmKernel.create<Find>(KERNEL) : undefined;
  }

  /** Takes the bytes that `find` looks in. */
  load(bytes: Buffer): void {
    this.bytes = bytes;
    if (!this.kernel) return;
    const end = BYTES_AT + bytes.length;
    this.kernel.reserve(end + PADDING);
    this.kernel.bytes.set(bytes, BYTES_AT);
    this.kernel.bytes.fill(0, end, end + PADDING);
  }

  /** The index just after the run of short LF-ended lines, none with a CR, that starts at `from`; `count` says how many. */
  find(from: number): number {
    if (!this.kernel) return this.findPlain(from);
    const end = this.kernel.fn(BYTES_AT, from, this.bytes.length, this.maxLine);
    this.count = this.kernel.bytes.readInt32LE(COUNT_AT);
    return end;
  }

  private findPlain(from: number): number {
    const { bytes } = this;
    const cr = bytes.indexOf(CR, from);
    let end = from;
    let count = 0;
    for (;;) {
      const lf = bytes.indexOf(LF, end);
      if (lf === -1 || (cr !== -1 && cr < lf) || lf - end > this.maxLine) break;
      count++;
      end = lf + 1;
    }
    this.count = count;
    return end;
  }
}
