/** Image type and size from the first bytes (magic numbers + header), without decoding pixels. */
export type ImageKind = "jpeg" | "png";

export interface ImageInfo {
  kind: ImageKind;
  width: number;
  height: number;
}

export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  return pngInfo(bytes) ?? jpegInfo(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngInfo(b: Uint8Array): ImageInfo | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((x, i) => b[i] === x)) return null;
  // The first chunk must be IHDR: width and height are big-endian at offsets 16 and 20.
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== "IHDR") return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { kind: "png", width, height } : null;
}

function jpegInfo(b: Uint8Array): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  // Walk the marker segments up to a start-of-frame (SOF0..SOF15 except DHT/JPG/DAC), which holds the size.
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      return width > 0 && height > 0 ? { kind: "jpeg", width, height } : null;
    }
    if (marker === 0xda || length < 2) return null;
    i += 2 + length;
  }
  return null;
}
