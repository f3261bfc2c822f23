/**
 * Filemoon's Byse playback API on the hoster stand-in (facts/aniworld.md, "Details public clients agree
 * on"): `/api/videos/<code>`, `/api/videos/<code>/embed/details` + `…/embed/playback` (Referer = the frame,
 * X-Embed-Parent set) and `POST …/playback`, answering AES-256-GCM playback data. The variant of a code
 * decides which endpoints answer and how the key parts are hidden.
 */
import type { IncomingMessage } from "node:http";
import { type Reply, text } from "./hoster-replies.ts";

/** Which Byse install a code meets. */
export type ByseShape =
  /** Every endpoint answers; the key is two 16-byte parts among 24-byte decoys. */
  | "ok"
  /** Only details → embed/playback answer (the old endpoint 404s). */
  | "details"
  /** Only POST …/playback answers. */
  | "post"
  /** The old endpoint, with 16-byte decoys listed before the real parts. */
  | "decoys"
  /** The old endpoint, with so many 16-byte decoys that only the `version` pointer finds the key. */
  | "pointed"
  /** No API at all (an older install: the packed page is the only source). */
  | "none";

/** The frame a Byse "details" answer names: on the real site another host, here another path. */
export const byseFrameUrl = (origin: string, code: string) => `${origin}/byse/e/${encodeURIComponent(code)}`;

export async function byseApi(
  origin: string,
  req: IncomingMessage,
  code: string,
  rest: string[],
  shape: ByseShape,
): Promise<Reply> {
  const endpoint = rest.join("/");
  const method = req.method ?? "GET";
  const missing = () => json({ error: "Video not found" }, 404);
  if (shape === "none") return missing();
  if (endpoint === "" && method === "GET")
    return shape === "ok" || shape === "decoys" || shape === "pointed"
      ? playback(origin, code, shape)
      : missing();
  if (endpoint === "embed/details" && method === "GET") {
    if (shape !== "ok" && shape !== "details") return missing();
    return json({ code, title: `${code}.mp4`, embed_frame_url: byseFrameUrl(origin, code) });
  }
  if (endpoint === "embed/playback" && method === "GET") {
    if (shape !== "ok" && shape !== "details") return missing();
    if (req.headers.referer !== byseFrameUrl(origin, code) || !req.headers["x-embed-parent"])
      return json({ error: "Embedding is not allowed here" }, 403);
    return playback(origin, code, "ok");
  }
  if (endpoint === "playback") {
    if (shape !== "ok" && shape !== "post") return missing();
    if (method !== "POST") return text("method not allowed", 405);
    if (!req.headers["x-embed-parent"]) return json({ error: "Embedding is not allowed here" }, 403);
    return playback(origin, code, "ok");
  }
  return missing();
}

async function playback(origin: string, code: string, shape: ByseShape): Promise<Reply> {
  const plain = {
    sources: [
      {
        url: `${origin}/hls/filemoon/${encodeURIComponent(code)}/master.m3u8`,
        mime_type: "application/vnd.apple.mpegurl",
        label: "1080p",
      },
    ],
    tracks: [],
  };
  if (shape === "decoys") return json(await byseAnswer(plain, { decoys16: 3 }));
  if (shape === "pointed") return json(await byseAnswer(plain, { decoys16: 28, pointer: true }));
  return json(await byseAnswer(plain));
}

/**
 * Byse's playback answer: AES-256-GCM with the key split into two 16-byte parts hidden among 24-byte
 * decoys, plus `decoys16` 16-byte decoys listed first; with `pointer`, `version` holds the real parts'
 * indexes.
 */
export async function byseAnswer(
  plain: object,
  { decoys16 = 0, pointer = false }: { decoys16?: number; pointer?: boolean } = {},
): Promise<{ playback: Record<string, unknown> }> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cryptoKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt"]);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv },
      cryptoKey,
      new TextEncoder().encode(JSON.stringify(plain)),
    ),
  );
  const parts: string[] = [];
  for (let i = 0; i < 28; i++) parts.push(base64Url(crypto.getRandomValues(new Uint8Array(24))));
  for (let i = 0; i < decoys16; i++)
    parts.splice(2 * i, 0, base64Url(crypto.getRandomValues(new Uint8Array(16))));
  const first = parts.length - 21;
  const second = parts.length - 9;
  parts.splice(first, 0, base64Url(key.subarray(0, 16)));
  parts.splice(second, 0, base64Url(key.subarray(16)));
  return {
    playback: {
      algorithm: "AES-256-GCM",
      key_parts: parts,
      iv: base64Url(iv),
      payload: base64Url(sealed),
      version: pointer ? [first, second] : 2,
    },
  };
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

const json = (body: object, status = 200): Reply => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
