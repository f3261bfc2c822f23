/**
 * Filemoon's Byse playback API on the hoster stand-in (facts/aniworld.md, "Details public clients agree
 * on"): `/api/videos/<code>`; `/api/videos/<code>/embed/details`, naming the frame, and `…/embed/playback`
 * (Referer = the frame, X-Embed-Parent set) by GET or POST; `POST /api/videos/<code>/playback`. Each answers
 * AES-256-GCM playback data. The variant of a code decides which endpoints answer and how the key parts
 * are hidden.
 */
import type { IncomingMessage } from "node:http";
import type { Reply } from "./hoster-replies.ts";

/** Which Byse install a code meets. */
export type ByseShape =
  /** /api/videos/<code> answers (the others do too); the key is where `version` points. */
  | "ok"
  /** Only details → GET embed/playback answer. */
  | "details"
  /** Only POST embed/playback answers (after details). */
  | "post"
  /** Only POST /api/videos/<code>/playback answers. */
  | "post_playback"
  /** /api/videos/<code>, with 16-byte decoys listed before the real parts and no `version`. */
  | "decoys"
  /** /api/videos/<code>, with so many 16-byte decoys that only the `version` pointer finds the key. */
  | "pointed"
  /** No API at all (an older install: the packed page is the only source). */
  | "none";

/** The frame a Byse "details" answer names: on the real site another host, here another path. */
const byseFrameUrl = (origin: string, code: string) => `${origin}/byse/e/${encodeURIComponent(code)}`;

/** Which shapes answer on which endpoint ("METHOD path below /api/videos/<code>"). */
const ANSWERS: Record<string, ByseShape[]> = {
  "GET ": ["ok", "decoys", "pointed"],
  "GET embed/details": ["ok", "details", "post"],
  "GET embed/playback": ["ok", "details"],
  "POST embed/playback": ["ok", "post"],
  "POST playback": ["ok", "post_playback"],
};

export async function byseApi(
  origin: string,
  req: IncomingMessage,
  code: string,
  rest: string[],
  shape: ByseShape,
): Promise<Reply> {
  const endpoint = `${req.method ?? "GET"} ${rest.join("/")}`;
  if (!ANSWERS[endpoint]?.includes(shape)) return json({ error: "Video not found" }, 404);
  if (endpoint === "GET embed/details")
    return json({ code, title: `${code}.mp4`, embed_frame_url: byseFrameUrl(origin, code) });
  const embedded = endpoint.endsWith("embed/playback");
  // The player's requests come from its frame and name the page embedding it.
  if (
    (embedded && req.headers.referer !== byseFrameUrl(origin, code)) ||
    (endpoint !== "GET " && !req.headers["x-embed-parent"])
  )
    return json({ error: "Embedding is not allowed here" }, 403);
  return playback(origin, code, shape);
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
  if (shape === "decoys") return json(await byseAnswer(plain, { decoys16: 3, pointer: false }));
  if (shape === "pointed") return json(await byseAnswer(plain, { decoys16: 28 }));
  return json(await byseAnswer(plain));
}

/** Where the real key parts go: `version` v points at part v-1 and part len-v. */
const VERSION = 8;

/**
 * Byse's playback answer: AES-256-GCM with the key split into two 16-byte parts hidden among 28 24-byte
 * decoys, plus `decoys16` 16-byte decoys listed first; `version` points at the real parts unless `pointer`
 * is false.
 */
export async function byseAnswer(
  plain: object,
  { decoys16 = 0, pointer = true }: { decoys16?: number; pointer?: boolean } = {},
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
  const length = parts.length + 2;
  parts.splice(VERSION - 1, 0, base64Url(key.subarray(0, 16)));
  parts.splice(length - VERSION, 0, base64Url(key.subarray(16)));
  return {
    playback: {
      algorithm: "AES-256-GCM",
      key_parts: parts,
      iv: base64Url(iv),
      payload: base64Url(sealed),
      ...(pointer ? { version: VERSION } : {}),
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
