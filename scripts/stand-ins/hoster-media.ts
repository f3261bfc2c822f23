/**
 * Deterministic media bytes for the hoster stand-in: the byte at offset i of the file named `seed` is
 * block[i % BLOCK] where `block` is a pseudo-random block derived from the seed. Any range of a file of any
 * size can be produced without holding the file in memory, and tests can hash the expected content.
 */

/** A prime, so a resume at a wrong offset is never hidden by the pattern repeating. */
const BLOCK = 1_048_573;
const cache = new Map<string, Uint8Array>();

/** The block, stored twice in a row so any slice of up to BLOCK bytes is one subarray (no copying). */
function doubledBlock(seed: string): Uint8Array {
  let block = cache.get(seed);
  if (block) return block;
  const hash = new Bun.CryptoHasher("sha256").update(seed).digest();
  let x = (hash.readUInt32LE(0) | 1) >>> 0;
  block = new Uint8Array(BLOCK * 2);
  const view = new DataView(block.buffer);
  let i = 0;
  for (; i + 4 <= BLOCK; i += 4) {
    // xorshift32: fast and good enough to make every offset distinct in practice.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    view.setUint32(i, x, true);
  }
  for (; i < BLOCK; i++) block[i] = (x >>> (i % 4)) & 0xff;
  block.copyWithin(BLOCK, 0, BLOCK);
  if (cache.size > 64) cache.clear();
  cache.set(seed, block);
  return block;
}

/** Bytes [start, start+length) of the file `seed`; length ≤ BLOCK. The result must not be modified. */
export function mediaSlice(seed: string, start: number, length: number): Uint8Array {
  const n = Math.min(length, BLOCK);
  const off = start % BLOCK;
  return doubledBlock(seed).subarray(off, off + n);
}

/** SHA-256 (hex) of the whole file `seed` of `size` bytes. */
export function mediaSha256(seed: string, size: number): string {
  const hasher = new Bun.CryptoHasher("sha256");
  for (let at = 0; at < size; ) {
    const chunk = mediaSlice(seed, at, Math.min(size - at, 1 << 20));
    hasher.update(chunk);
    at += chunk.length;
  }
  return hasher.digest("hex");
}

/** Seed of one HLS segment. */
export const segmentSeed = (code: string, variant: string, index: number) => `${code}/${variant}/${index}`;

/** SHA-256 of the HLS segments of one variant concatenated in order. */
export function hlsSha256(code: string, variant: string, sizes: number[]): string {
  const hasher = new Bun.CryptoHasher("sha256");
  sizes.forEach((size, i) => {
    const seed = segmentSeed(code, variant, i);
    for (let at = 0; at < size; ) {
      const chunk = mediaSlice(seed, at, size - at);
      hasher.update(chunk);
      at += chunk.length;
    }
  });
  return hasher.digest("hex");
}
