import { EMPTY, I32, I64, encodeModule, memarg, op, signed } from './wasmModule';

// Putting a prefix before each of a flood's lines costs JavaScript 40-60 ns a line however it is
// written (a replace builds a rope of two strings a line, and encoding it flattens the rope): as
// much CPU as the floor supervisor spends piping the same bytes. This kernel does it in
// WebAssembly on the UTF-8 bytes, eight at a time, and so costs about 1 ns a line.

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
const WORD = 10;
const FOUND = 11;
const COPIED = 12;

const get = (local: number): number[] => [op.localGet, local];
const set = (local: number): number[] => [op.localSet, local];
const addTo = (local: number, ...amount: number[]): number[] => [...get(local), ...amount, op.i32Add, ...set(local)];
const i32 = (value: number): number[] => [op.i32Const, ...signed(BigInt(value))];
const i64 = (value: bigint): number[] => [op.i64Const, ...signed(BigInt.asIntN(64, value))];
// A head or tail is a few bytes: copied a word at a time, it costs less than the call that
// `memory.copy` makes into the engine. It may write up to 7 bytes past its end, which the next write covers.
const copy = (from: number, length: number): number[] => [
  ...i32(0), ...set(COPIED),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(COPIED), ...get(length), op.i32GeU, op.brIf, 1,
  ...get(WRITTEN), ...get(COPIED), op.i32Add,
  ...get(from), ...get(COPIED), op.i32Add, op.i64Load, ...memarg(0),
  op.i64Store, ...memarg(0),
  ...addTo(COPIED, ...i32(8)),
  op.br, 0,
  op.end,
  op.end,
  ...addTo(WRITTEN, ...get(length)),
];

const LF = 10;
const EVERY_BYTE = (byte: bigint): bigint => byte * 0x0101010101010101n;

/**
 * frame(src, srcLength, head, headLength, tail, tailLength, out) -> bytes written at out:
 * each line of src (every one ended by LF) becomes head + line + tail + LF.
 * A word is read and written whole, so src needs 8 readable bytes after it and out 8 writable ones.
 */
const BODY = [
  ...get(OUT), ...set(WRITTEN),
  ...copy(HEAD, HEAD_LENGTH),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(READ), ...get(SRC_LENGTH), op.i32GeU, op.brIf, 1,
  ...get(SRC), ...get(READ), op.i32Add, op.i64Load, ...memarg(0), ...set(WORD),
  ...get(WRITTEN), ...get(WORD), op.i64Store, ...memarg(0),
  // The lowest byte of the word that is LF, by the zero-byte test on word ^ LF repeated:
  // (v - 0x0101...01) & ~v & 0x8080...80 marks a zero byte; marks above the first may be false, the first is exact.
  ...get(WORD), ...i64(EVERY_BYTE(BigInt(LF))), op.i64Xor, ...set(FOUND),
  ...get(FOUND), ...i64(EVERY_BYTE(1n)), op.i64Sub,
  ...get(FOUND), ...i64(-1n), op.i64Xor, op.i64And,
  ...i64(EVERY_BYTE(0x80n)), op.i64And, ...set(FOUND),
  ...get(FOUND), op.i64Eqz,
  op.if, EMPTY,
  ...addTo(READ, ...i32(8)),
  ...addTo(WRITTEN, ...i32(8)),
  op.else,
  ...get(FOUND), op.i64Ctz, ...i64(3n), op.i64ShrU, op.i32WrapI64, ...set(LF_OFFSET),
  ...addTo(READ, ...get(LF_OFFSET), ...i32(1), op.i32Add),
  ...addTo(WRITTEN, ...get(LF_OFFSET)),
  ...copy(TAIL, TAIL_LENGTH),
  ...get(WRITTEN), ...i32(LF), op.i32Store8, ...memarg(0),
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

const PAGE = 64 * 1024;
/** The bytes one UTF-16 unit can take in UTF-8, at most. */
const MAX_UTF8 = 3;
const SLACK = 8;

type Frame = (src: number, srcLength: number, head: number, headLength: number, tail: number, tailLength: number, out: number) => number;

interface Instance {
  exports: { memory: { buffer: ArrayBuffer; grow(pages: number): number }; frame: Frame };
}

// Node has WebAssembly built in; @types/node does not declare it.
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { Instance: new (module: unknown) => Instance; Module: new (bytes: Uint8Array) => unknown };
};

/** Frames lines with a head and a tail, in a memory that grows to the largest batch and stays. */
export class LineFramer {
  private readonly exports: Instance['exports'];
  private bytes: Buffer;

  constructor() {
    const code = encodeModule('frame', { params: Array(7).fill(I32), result: I32, locals: [I32, I32, I32, I64, I64, I32], body: BODY }, 1);
    this.exports = new wasm.Instance(new wasm.Module(code)).exports;
    this.bytes = Buffer.from(this.exports.memory.buffer);
  }

  /** `text` holds `lineCount` lines, each ended by "\n"; each comes back as head + line + tail + "\n", in UTF-8. */
  frame(text: string, lineCount: number, head: string, tail: string): Buffer {
    const headRoom = head.length * MAX_UTF8;
    const tailRoom = tail.length * MAX_UTF8;
    const srcRoom = text.length * MAX_UTF8 + SLACK;
    const srcAt = headRoom + tailRoom;
    const outAt = srcAt + srcRoom;
    this.reserve(outAt + srcRoom + lineCount * (headRoom + tailRoom));
    const { bytes } = this;
    const headLength = bytes.write(head, 0, 'utf8');
    const tailLength = bytes.write(tail, headRoom, 'utf8');
    const srcLength = bytes.write(text, srcAt, 'utf8');
    const length = this.exports.frame(srcAt, srcLength, 0, headLength, headRoom, tailLength, outAt);
    const framed = Buffer.allocUnsafe(length);
    bytes.copy(framed, 0, outAt, outAt + length);
    return framed;
  }

  private reserve(size: number): void {
    const { memory } = this.exports;
    if (size <= memory.buffer.byteLength) return;
    memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
    this.bytes = Buffer.from(memory.buffer);
  }
}
