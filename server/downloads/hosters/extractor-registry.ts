import { DoodstreamExtractor } from "./doodstream-extractor.ts";
import { FilemoonExtractor } from "./filemoon-extractor.ts";
import type { HosterExtractor } from "./hoster-extractor.ts";
import { LoadxExtractor } from "./loadx-extractor.ts";
import { LuluvdoExtractor } from "./luluvdo-extractor.ts";
import { SpeedfilesExtractor } from "./speedfiles-extractor.ts";
import { VidmolyExtractor } from "./vidmoly-extractor.ts";
import { VidozaExtractor } from "./vidoza-extractor.ts";
import { VoeExtractor } from "./voe-extractor.ts";

/** Extractors by lower-cased hoster name; hosters without one are skipped with a recorded reason. */
export class ExtractorRegistry {
  private readonly byName = new Map<string, HosterExtractor>();

  constructor(extractors: HosterExtractor[] = defaultExtractors()) {
    for (const e of extractors) this.byName.set(e.hoster.toLowerCase(), e);
  }

  get(hoster: string): HosterExtractor | null {
    return this.byName.get(hoster.toLowerCase()) ?? null;
  }

  names(): string[] {
    return [...this.byName.values()].map((e) => e.hoster);
  }
}

export function defaultExtractors(): HosterExtractor[] {
  return [
    new VoeExtractor(),
    new FilemoonExtractor(),
    new VidmolyExtractor(),
    new LoadxExtractor(),
    new LuluvdoExtractor(),
    new DoodstreamExtractor(),
    new SpeedfilesExtractor(),
    new VidozaExtractor(),
  ];
}
