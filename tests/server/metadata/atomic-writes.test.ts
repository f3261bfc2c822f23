import { expect, test } from "bun:test";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isTemporaryName } from "../../../server/fs/atomic-write.ts";
import { createMetadataWriter } from "../../../server/metadata/metadata-writer.ts";
import { createCatalogProvider } from "../../../server/providers/aniworld/aniworld-provider.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { catalogKeyOf } from "../../../shared/catalog.ts";
import { recordingHttp, startStandIns, TMDB_KEY } from "../../helpers/stand-ins.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

test("a writer killed mid-write leaves the old tvshow.nfo intact (or the complete new one, never a mix)", async () => {
  const tmp = tempDir();
  const dir = join(tmp.path, "series");
  mkdirSync(dir);
  const old = '<?xml version="1.0"?>\n<tvshow><title>old</title></tvshow>\n';
  const nfo = join(dir, "tvshow.nfo");
  writeFileSync(nfo, old);
  try {
    for (const delayMs of [0, 15, 40]) {
      const child = Bun.spawn(
        [process.execPath, join(import.meta.dir, "../../helpers/nfo-writer-child.ts"), dir],
        {
          stdout: "pipe",
          stderr: "inherit",
        },
      );
      const reader = child.stdout.getReader();
      await reader.read(); // "writing"
      await Bun.sleep(delayMs);
      child.kill("SIGKILL");
      await child.exited;
      const text = await Bun.file(nfo).text();
      const complete = text.length > 16 * 1024 * 1024 && text.trimEnd().endsWith("</tvshow>");
      expect(text === old || complete).toBe(true);
      // Whatever was cut off is a temporary file the scanner ignores and cleans up.
      for (const name of readdirSync(dir)) expect(name === "tvshow.nfo" || isTemporaryName(name)).toBe(true);
      writeFileSync(nfo, old);
    }
  } finally {
    tmp.cleanup();
  }
}, 60_000);

test("an image download that breaks off writes nothing and leaves no half file", async () => {
  const stands = startStandIns();
  const tmp = tempDir();
  try {
    const { http } = recordingHttp({ retry: { maxRetries: 1 } });
    const sample = stands.catalogue.series.find((s) => s.tmdbId && s.imdbId)!;
    const details = await createCatalogProvider({ baseUrl: stands.catalogue.url, http }).getSeries(
      sample.slug,
    );
    const seriesDir = join(tmp.path, "lib", "s");
    const writer = createMetadataWriter({
      libraryRoot: join(tmp.path, "lib"),
      language: "de-DE",
      catalog: { baseUrl: stands.catalogue.url },
      tmdb: { apiKey: TMDB_KEY, baseUrl: stands.tmdb.apiUrl, imageBaseUrl: stands.tmdb.imageUrl },
      http,
    });
    stands.tmdb.inject("/t/p/", { kind: "truncate" });
    const input = {
      seriesDir,
      identity: {
        catalogKey: catalogKeyOf(sample.slug),
        title: details.title,
        year: details.startYear,
        imdbId: details.imdbId,
        tmdbId: null,
      },
      details,
      seasons: details.seasons,
    };
    const error = await writer.writeImages(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect(readdirSync(seriesDir)).toEqual([]);
  } finally {
    await stands.stop();
    tmp.cleanup();
  }
});
