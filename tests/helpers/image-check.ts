import { inflateSync } from "node:zlib";

/**
 * Independent image checks for tests (not the product's sniffing code): PNG chunks with CRCs and the pixel
 * data inflated to the size IHDR promises; JPEG segments walked from SOI through SOF and SOS to EOI.
 */
export function decodePngHeader(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => bytes[i] === b)) throw new Error("not a PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = view.getUint32(at + 8 + length);
    if (crc !== Bun.hash.crc32(bytes.subarray(at + 4, at + 8 + length)) >>> 0)
      throw new Error(`bad CRC in ${type}`);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      colorType = data[9]!;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") ended = true;
    at += 12 + length;
  }
  if (!ended || !width || !height) throw new Error("PNG incomplete");
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6] ?? 0;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * channels)) throw new Error("PNG pixel data has the wrong size");
  return { width, height };
}

export function decodeJpegHeader(bytes: Uint8Array): { width: number; height: number } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("not a JPEG (no SOI)");
  if (bytes.at(-2) !== 0xff || bytes.at(-1) !== 0xd9) throw new Error("JPEG does not end with EOI");
  let at = 2;
  let size: { width: number; height: number } | null = null;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`JPEG segment expected at ${at}`);
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker === 0xc0 || marker === 0xc2)
      size = {
        height: (bytes[at + 5]! << 8) | bytes[at + 6]!,
        width: (bytes[at + 7]! << 8) | bytes[at + 8]!,
      };
    if (marker === 0xda) {
      if (!size) throw new Error("JPEG scan before frame header");
      return size;
    }
    at += 2 + length;
  }
  throw new Error("JPEG without scan");
}
