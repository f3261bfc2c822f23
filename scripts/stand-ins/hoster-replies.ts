/** Replies of the hoster stand-in: status, headers and a text body or a generated media body. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body:
    | string
    | { seed: string; start: number; end: number; dropAt: number; stallAt: number; holdAt: number };
}
export const text = (body: string, status = 200): Reply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body,
});
export const html = (body: string, status = 200): Reply => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body,
});
export const m3u8 = (lines: string[]): Reply => ({
  status: 200,
  headers: { "content-type": "application/vnd.apple.mpegurl" },
  body: `${lines.join("\n")}\n`,
});
