// The few parts of the WebAssembly binary format (version 1) that a module of one exported
// function and one exported memory needs. Numbers are from the format's specification.

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
  i32Store8: 0x3a,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i64Eqz: 0x50,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i64Ctz: 0x7a,
  i64Sub: 0x7d,
  i64And: 0x83,
  i64Xor: 0x85,
  i64ShrU: 0x88,
  i32WrapI64: 0xa7,
} as const;

/** Block type of a block, loop or if that leaves nothing on the stack. */
export const EMPTY = 0x40;
export const I32 = 0x7f;
export const I64 = 0x7e;

/** A memory load or store's alignment hint (log2 bytes) and offset 0. */
export function memarg(alignLog2: number): number[] {
  return [alignLog2, 0];
}

export function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128, as `i32.const` and `i64.const` take their operand. */
export function signed(value: bigint): number[] {
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

/** A module exporting `memory` (starting at `pages` 64 KiB pages) and one function as `name`. */
export function encodeModule(name: string, fn: FunctionSpec, pages: number): Uint8Array {
  const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
  const section = (id: number, content: number[]): number[] => [id, ...unsigned(content.length), ...content];
  const text = (value: string): number[] => vector([...Buffer.from(value)].map((byte) => [byte]));
  const locals = vector(fn.locals.map((type) => [1, type]));
  const code = [...locals, ...fn.body, op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(fn.params.map((type) => [type])), 1, fn.result]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...unsigned(pages)]])),
    ...section(7, vector([[...text('memory'), 0x02, 0], [...text(name), 0x00, 0]])),
    ...section(10, vector([[...unsigned(code.length), ...code]])),
  ]);
}
