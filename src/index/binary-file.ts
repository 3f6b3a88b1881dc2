/**
 * The frame the index's binary files share (`keyword.bin`, `chunks.bin`): read back without
 * parsing, and refused whole when a byte was changed or the file was cut short.
 *
 *   magic        8 bytes naming the file's kind
 *   u32          format version
 *   u32          CRC-32 of everything after the 20-byte header
 *   u32          byte length of everything after the header (a truncated file is told at once)
 *   sections, each a u32 byte length, the bytes, zero padding to a multiple of 4
 *
 * Integers are little-endian. What the sections hold is each file's own business.
 */
import { crc32 } from "node:zlib";

export const HEADER_BYTES = 20;

/** Makes the caller's own error from a problem in words. */
export type ProblemOf = (message: string) => Error;

/** A growing buffer of sections. */
export class ByteWriter {
  bytes = Buffer.alloc(1 << 16);
  length = 0;

  /** A writer that starts with the header of a file of this kind and version. */
  static file(magic: Buffer, version: number): ByteWriter {
    const out = new ByteWriter();
    out.raw(magic);
    out.u32(version);
    out.u32(0); // CRC, filled in by finish
    out.u32(0); // length, filled in by finish
    return out;
  }

  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const bigger = Buffer.alloc(size);
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
  u32(x: number): void {
    this.reserve(4);
    this.bytes.writeUInt32LE(x, this.length);
    this.length += 4;
  }
  varint(x: number): void {
    this.reserve(5);
    let v = x;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }
  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
  /** A section: its length, its bytes (written by `fill`), padding. */
  section(fill: () => void): void {
    const at = this.length;
    this.u32(0);
    fill();
    this.bytes.writeUInt32LE(this.length - at - 4, at);
    const pad = (4 - (this.length % 4)) % 4;
    this.reserve(pad);
    this.bytes.fill(0, this.length, this.length + pad);
    this.length += pad;
  }
  u32s(values: ArrayLike<number>): void {
    this.section(() => {
      this.reserve(values.length * 4);
      for (let i = 0; i < values.length; i++) {
        this.bytes.writeUInt32LE(values[i] as number, this.length);
        this.length += 4;
      }
    });
  }
  /** The file, its header's CRC and length filled in (a writer made by {@link ByteWriter.file}). */
  finish(): Buffer {
    const file = this.bytes.subarray(0, this.length);
    file.writeUInt32LE(crc32(file.subarray(HEADER_BYTES)), 12);
    file.writeUInt32LE(this.length - HEADER_BYTES, 16);
    return file;
  }
}

/**
 * Checks a file's header — its kind (`what` names it in the message), version, length and CRC —
 * and returns a reader positioned at its first section.
 */
export function openBinaryFile(
  bytes: Uint8Array,
  kind: { magic: Buffer; version: number; what: string },
  problem: ProblemOf,
): SectionReader {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (file.length < HEADER_BYTES || !file.subarray(0, kind.magic.length).equals(kind.magic))
    throw problem(`not a ${kind.what} file (wrong magic bytes)`);
  const version = file.readUInt32LE(8);
  if (version !== kind.version)
    throw problem(`format version ${version}, this program reads version ${kind.version}`);
  const length = file.readUInt32LE(16);
  if (length !== file.length - HEADER_BYTES)
    throw problem(
      `${file.length - HEADER_BYTES} bytes after the header, the header says ${length} (truncated?)`,
    );
  if (crc32(file.subarray(HEADER_BYTES)) !== file.readUInt32LE(12))
    throw problem("checksum mismatch: the bytes were changed after writing");
  return new SectionReader(file, problem);
}

export class SectionReader {
  at = HEADER_BYTES;
  constructor(
    readonly file: Buffer,
    readonly problem: ProblemOf,
  ) {}
  section(name: string): Buffer {
    if (this.at + 4 > this.file.length) throw this.problem(`section ${name} is missing`);
    const length = this.file.readUInt32LE(this.at);
    const start = this.at + 4;
    if (start + length > this.file.length)
      throw this.problem(`section ${name} runs past the end of the file`);
    this.at = start + length + ((4 - (length % 4)) % 4);
    return this.file.subarray(start, start + length);
  }
  u32s(name: string, count: number): Uint32Array {
    const bytes = this.section(name);
    if (bytes.length !== count * 4)
      throw this.problem(`section ${name} holds ${bytes.length / 4} numbers, expected ${count}`);
    // A copy: the file's bytes need not be 4-byte aligned, and the index outlives the file buffer.
    return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  /** After the last section: nothing may follow. */
  end(): void {
    if (this.at !== this.file.length) throw this.problem("bytes left over after the last section");
  }
}

/** Offsets must start at 0, never decrease and end at the blob's length. */
export function checkOffsets(
  name: string,
  offsets: Uint32Array,
  total: number,
  problem: ProblemOf,
): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== total)
    throw problem(`${name} do not span their bytes`);
  for (let i = 1; i < offsets.length; i++) {
    if ((offsets[i] as number) < (offsets[i - 1] as number))
      throw problem(`${name} decrease at ${i}`);
  }
}
