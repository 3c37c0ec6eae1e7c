// The few parts of the WebAssembly binary format (version 1, with 128-bit SIMD) that a module of
// one exported function and one exported memory needs. Numbers are from the format's specification.

/** Opcodes, named as in the text format. */
export const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i64Load: 0x29,
  i32Store: 0x36,
  i64Store: 0x37,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32GeU: 0x4f,
  i32Ctz: 0x68,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Xor: 0x73,
  i32Shl: 0x74,
} as const;

/** Block type of a block, loop or if that leaves nothing on the stack. */
export const EMPTY = 0x40;
export const I32 = 0x7f;
export const V128 = 0x7b;

/** Local variables, by index: parameters first, then the function's own locals. */
export const get = (local: number): number[] => [op.localGet, local];
export const set = (local: number): number[] => [op.localSet, local];
export const addTo = (local: number, ...amount: number[]): number[] => [...get(local), ...amount, op.i32Add, ...set(local)];
export const i32 = (value: number): number[] => [op.i32Const, ...signed(BigInt(value))];

/** 128-bit SIMD instructions: the 0xfd prefix, then the instruction's number in LEB128. */
export const simd = {
  v128Load: [0xfd, 0x00],
  v128Store: [0xfd, 0x0b],
  i8x16Eq: [0xfd, 0x23],
  i16x8Eq: [0xfd, 0x2d],
  i8x16Bitmask: [0xfd, 0x64],
  i16x8Bitmask: [0xfd, 0x84, 0x01],
} as const;

/** `v128.const` with `value` in each of its lanes of `laneBits` bits. */
export function splat(value: number, laneBits: 8 | 16): number[] {
  const lanes = Array<number[]>(128 / laneBits).fill(laneBits === 8 ? [value] : [value & 0xff, value >> 8]);
  return [0xfd, 0x0c, ...lanes.flat()];
}

/** A memory load or store's alignment hint (one byte: any address will do) and offset 0. */
export const MEMARG = [0, 0] as const;

function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128, as `i32.const` takes its operand. */
function signed(value: bigint): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

export interface FunctionSpec {
  params: number[];
  result: number;
  /** Locals after the parameters, by type. */
  locals: number[];
  body: number[];
}

/** A module exporting `memory` (one 64 KiB page to start) and one function as `fn`. */
function encodeModule(fn: FunctionSpec): Uint8Array {
  const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
  const section = (id: number, content: number[]): number[] => [id, ...unsigned(content.length), ...content];
  const text = (value: string): number[] => vector([...Buffer.from(value)].map((byte) => [byte]));
  const locals = vector(fn.locals.map((type) => [1, type]));
  const code = [...locals, ...fn.body, op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(fn.params.map((type) => [type])), 1, fn.result]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...unsigned(1)]])),
    ...section(7, vector([[...text('memory'), 0x02, 0], [...text('fn'), 0x00, 0]])),
    ...section(10, vector([[...unsigned(code.length), ...code]])),
  ]);
}

interface Memory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WebAssemblyApi {
  Instance: new (module: unknown) => { exports: unknown };
  Module: new (bytes: Uint8Array) => unknown;
  validate(bytes: Uint8Array): boolean;
}

// Node and Electron have WebAssembly built in (@types/node does not declare it); it is missing
// under --jitless, and SIMD is missing on x64 CPUs without SSE4.1.
const wasm = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;

const PAGE = 64 * 1024;

interface KernelExports<F> {
  memory: Memory;
  fn: F;
}

/** One compiled function `fn` and its memory, which grows to the largest need and stays. */
export class WasmKernel<F> {
  readonly fn: F;
  private readonly memory: Memory;
  /** The memory as bytes; replaced when the memory grows. */
  bytes: Buffer;

  /** The kernel, or undefined where this engine cannot run it: callers then take their plain path. */
  static create<F>(fn: FunctionSpec): WasmKernel<F> | undefined {
    const code = encodeModule(fn);
    return wasm?.validate(code) ? new WasmKernel<F>(new wasm.Instance(new wasm.Module(code)).exports as KernelExports<F>) : undefined;
  }

  private constructor(exports: KernelExports<F>) {
    this.fn = exports.fn;
    this.memory = exports.memory;
    this.bytes = Buffer.from(this.memory.buffer);
  }

  /** Makes the memory at least `size` bytes. */
  reserve(size: number): void {
    const have = this.memory.buffer.byteLength;
    if (size <= have) return;
    this.memory.grow(Math.ceil((size - have) / PAGE));
    this.bytes = Buffer.from(this.memory.buffer);
  }
}
