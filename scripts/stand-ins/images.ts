/**
 * Real, small, valid images generated in code for the stand-in servers: PNG (zlib + CRC-32) and a
 * baseline greyscale JPEG whose 8×8 blocks carry only a DC value (standard DC Huffman table, a one-code
 * AC table holding just end-of-block). Both decode in browsers and media servers.
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGB PNG with a two-colour diagonal gradient. */
export function makePng(
  width: number,
  height: number,
  from = [200, 40, 60],
  to = [30, 80, 200],
): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const t = (x + y) / Math.max(1, width + height - 2);
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter method, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ];
  return new Uint8Array(Bun.concatArrayBuffers(parts));
}

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes from the JPEG "bits" list (codes per length). */
function huffmanCodes(bits: number[], values: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]!; i++) codes.set(values[k++]!, { code: code++, length });
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }
  finish(): number[] {
    while (this.count !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

/** A baseline greyscale JPEG with a blocky diagonal gradient (`seed` shifts the shade). */
export function makeJpeg(width: number, height: number, seed = 0): Uint8Array<ArrayBuffer> {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(8)]);
  const sof = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const dht = segment(0xc4, [
    0x00,
    ...DC_BITS,
    ...DC_VALUES,
    0x10,
    1,
    ...new Array<number>(15).fill(0),
    0x00,
  ]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const bw = new BitWriter();
  const bx = Math.ceil(width / 8);
  const by = Math.ceil(height / 8);
  let prev = 0;
  for (let y = 0; y < by; y++) {
    for (let x = 0; x < bx; x++) {
      const level = 30 + Math.round((((x + y) / Math.max(1, bx + by - 2)) * 190 + seed * 37) % 200);
      // Quantiser 8 on DC: the coefficient of a flat block of `level` is exactly level − 128.
      const value = level - 128;
      const diff = value - prev;
      prev = value;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const code = dc.get(size)!;
      bw.write(code.code, code.length);
      if (size > 0) bw.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      bw.write(0, 1); // AC: end of block
    }
  }
  return new Uint8Array([0xff, 0xd8, ...jfif, ...dqt, ...sof, ...dht, ...sos, ...bw.finish(), 0xff, 0xd9]);
}
