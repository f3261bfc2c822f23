/**
 * Byse (Filemoon) playback data: AES-256-GCM, values base64url without padding, nonce = `iv`, `payload` =
 * ciphertext followed by the 16-byte tag, key = two 16-byte `key_parts` joined. Answers hide the two real
 * parts among decoys (24-byte ones, and sometimes 16-byte ones too), so which parts make the key is decided
 * by the cipher itself: GCM authenticates, and only the right key verifies the tag.
 */
import * as v from "valibot";
import { HosterError } from "./hoster-extractor.ts";

export const PlaybackSchema = v.object({
  key_parts: v.array(v.string()),
  iv: v.string(),
  payload: v.string(),
  iv2: v.optional(v.string()),
  payload2: v.optional(v.string()),
  version: v.optional(v.unknown()),
});
type Playback = v.InferOutput<typeof PlaybackSchema>;

/** Key candidates tried before giving up: the 16-byte parts of a 30-part answer give at most a few pairs. */
const MAX_KEY_TRIES = 64;

/** Decrypts and parses the playback data; a HosterError("parse") when no candidate key verifies. */
export async function decryptPlayback(p: Playback): Promise<unknown> {
  const parts = p.key_parts.map(base64Url);
  const sealed = [{ iv: p.iv, payload: p.payload }];
  if (p.iv2 && p.payload2) sealed.push({ iv: p.iv2, payload: p.payload2 });
  const keys = keyCandidates(parts, p.version);
  if (!keys.length)
    throw new HosterError("Filemoon", "parse", "the playback data holds no 256-bit key among its key parts");
  for (const { iv, payload } of sealed) {
    const nonce = base64Url(iv);
    const data = base64Url(payload);
    for (const key of keys) {
      const plain = await openGcm(key, nonce, data);
      if (!plain) continue;
      try {
        return JSON.parse(new TextDecoder().decode(plain));
      } catch (cause) {
        throw new HosterError("Filemoon", "parse", "the decrypted playback data is not JSON", { cause });
      }
    }
  }
  throw new HosterError(
    "Filemoon",
    "parse",
    `the playback data did not decrypt with any of ${keys.length} candidate keys`,
  );
}

/**
 * The keys worth trying, most likely first and without repeats: the parts `version` points at, the
 * 16-byte parts in their listed order, every other pair of 16-byte parts, and all parts joined when they
 * make 32 bytes. Bounded, so an answer padded with many 16-byte decoys cannot make us try thousands.
 */
function keyCandidates(parts: Uint8Array[], version: unknown): Uint8Array<ArrayBuffer>[] {
  const out: Uint8Array<ArrayBuffer>[] = [];
  const seen = new Set<string>();
  const add = (chosen: Uint8Array[]) => {
    const key = new Uint8Array(Bun.concatArrayBuffers(chosen));
    const id = key.toString();
    if (key.length !== 32 || seen.has(id) || out.length >= MAX_KEY_TRIES) return;
    seen.add(id);
    out.push(key);
  };
  const pointed = indexesIn(version, parts.length)
    .map((i) => parts[i])
    .filter((part): part is Uint8Array => part !== undefined);
  if (pointed.length >= 2) add(pointed);
  const sixteen = parts.filter((b) => b.length === 16);
  for (let i = 0; i < sixteen.length; i++)
    for (let j = i + 1; j < sixteen.length; j++) {
      const a = sixteen[i];
      const b = sixteen[j];
      if (a && b) add([a, b]);
    }
  add(parts);
  return out;
}

/**
 * The key-part indexes a `version` field points at: version v names part v-1 and part len-v (as a public
 * client reads it). Absent, zero or not a number: none.
 */
function indexesIn(version: unknown, length: number): number[] {
  const v = typeof version === "string" && /^\d+$/.test(version) ? Number(version) : version;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > length) return [];
  return [v - 1, length - v];
}

async function openGcm(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array | null> {
  try {
    const cryptoKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["decrypt"]);
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, cryptoKey, data));
  } catch {
    // A wrong key fails the tag check: the next candidate is tried.
    return null;
  }
}

export function base64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch (cause) {
    throw new HosterError("Filemoon", "parse", "the playback data is not base64", { cause });
  }
}
