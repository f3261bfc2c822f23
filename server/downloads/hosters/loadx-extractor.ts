import * as v from "valibot";
import {
  absoluteMediaUrl,
  type ExtractContext,
  fetchHosterPage,
  HosterError,
  type HosterExtractor,
  type MediaSource,
  mediaKind,
  pageHeaders,
} from "./hoster-extractor.ts";

const AnswerSchema = v.object({ videoSource: v.pipe(v.string(), v.minLength(1)) });

/**
 * LoadX (a FirePlayer install): the link lands on `/video/<hash>`; the player asks
 * `POST /player/index.php?data=<hash>&do=getVideo` (as XMLHttpRequest) for JSON whose `videoSource` is HLS.
 */
export class LoadxExtractor implements HosterExtractor {
  readonly hoster = "LoadX";

  async extract(embedUrl: string, ctx: ExtractContext): Promise<MediaSource> {
    const page = await fetchHosterPage(this.hoster, embedUrl, ctx);
    const hash = /\/video\/([A-Za-z0-9]{4,64})/.exec(new URL(page.url).pathname)?.[1];
    if (!hash) throw new HosterError(this.hoster, "parse", "the link did not lead to a /video/<hash> page");
    const api = new URL(`/player/index.php?data=${hash}&do=getVideo`, page.url).href;
    const answer = await fetchHosterPage(this.hoster, api, ctx, {
      kind: "xhr",
      method: "POST",
      body: `hash=${hash}&r=${encodeURIComponent(page.url)}`,
      referer: page.url,
      headers: {
        "X-Requested-With": "XMLHttpRequest",
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        Origin: new URL(page.url).origin,
      },
    });
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      json = null;
    }
    const parsed = v.safeParse(AnswerSchema, json);
    if (!parsed.success) throw new HosterError(this.hoster, "parse", "getVideo gave no videoSource");
    const url = absoluteMediaUrl(this.hoster, parsed.output.videoSource, page.url);
    return { kind: mediaKind(url), url, headers: pageHeaders(page.url, true) };
  }
}
