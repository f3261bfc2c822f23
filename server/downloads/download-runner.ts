import { existsSync } from "node:fs";
import { dirname, relative } from "node:path";
import type { DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { HosterLink } from "../../shared/catalog.ts";
import { slugOf } from "../../shared/catalog.ts";
import type { AttemptRecord } from "../../shared/downloads.ts";
import { LANGUAGES, type Language } from "../../shared/languages.ts";
import { renderEpisodePath } from "../../shared/naming.ts";
import type { Settings } from "../../shared/settings.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import { messageOf } from "../lib/error-message.ts";
import type { TokenBucket } from "../lib/token-bucket.ts";
import type { CatalogProvider } from "../providers/contracts.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import { ProviderError } from "../providers/provider-error.ts";
import { madeFolderWithin } from "./download-leftovers.ts";
import type { ExtractorRegistry } from "./hosters/extractor-registry.ts";
import type { MediaSource } from "./hosters/hoster-extractor.ts";
import { orderSources } from "./source-order.ts";
import type { Progress } from "./transfer/file-transfer.ts";
import { transferMedia } from "./transfer/media-transfer.ts";
import { TransferError } from "./transfer/transfer-error.ts";
import { removeTransferLeftovers } from "./transfer/transfer-paths.ts";

export interface RunnerDeps {
  catalog: CatalogProvider;
  /** The shared HTTP layer: hoster pages go through it, media through its `net`. */
  http: HttpClient;
  extractors: ExtractorRegistry;
  libraryRoot: string;
  bucket: TokenBucket;
  ffmpeg: string | null;
  stallMs: number;
  keepFreeBytes: number;
  /** Why the library folder looks unavailable (see unavailableLibrary), or null. */
  libraryUnavailable?: () => string | null;
}

export interface RunHooks {
  signal: AbortSignal;
  settings: Settings;
  /**
   * Which other episode already writes or keeps a file at `targetPath` (as in onSource), or null. Called in
   * the same synchronous step as onSource, so two running downloads cannot both claim one name.
   */
  pathOwner(targetPath: string): string | null;
  /** A source was chosen; the transfer starts (targetPath relative to the library root, without extension). */
  onSource(source: { language: Language; hoster: string; targetPath: string }): void;
  /** The run made `folder` (relative to the library root, inside the series folder) for the episode's file. */
  onFolderMade(folder: string): void;
  onProgress(p: Progress): void;
  onAttempt(a: AttemptRecord): void;
  /** The hoster that delivered (recorded so System → Providers shows which hosters work today). */
  onSuccess?(a: AttemptRecord): void;
}

export type RunOutcome =
  | {
      kind: "completed";
      absolutePath: string;
      relativePath: string;
      size: number;
      language: Language;
      note: string | null;
    }
  | { kind: "failed"; error: string }
  /** No source can help now: the disk is full, or the folder was renamed away while it wrote. */
  | { kind: "paused"; error: string; reason: "disk_space" | "folder_gone" | "library_unavailable" };

/**
 * The error of a download paused because its folder went while it wrote: the sign, kept across restarts,
 * that it goes on by itself once a scan finds where the folder went.
 */
export const WAITING_FOR_FOLDER =
  "its folder was renamed or removed while it downloaded; it goes on once a library scan finds the folder";

/**
 * The start of the error of a download paused because the library folder is not there (see
 * unavailableLibrary): it goes on by itself after a full library scan that finds the library again.
 */
export const LIBRARY_UNAVAILABLE =
  "the library folder is unavailable; it goes on once a library scan finds it";

/**
 * Downloads one queued episode: asks the catalogue for hoster links, tries them in language and hoster
 * order (recording why each failed), and transfers the first source that works.
 */
export async function runDownload(
  deps: RunnerDeps,
  item: DownloadWithEpisode,
  hooks: RunHooks,
): Promise<RunOutcome> {
  const { episode, series } = item;
  const seriesDir = resolveInsideRoot(deps.libraryRoot, series.folder);
  // The series folder missing from an unmounted library: making it would fill the disk under the mount point.
  if (!existsSync(seriesDir)) {
    const unavailable = deps.libraryUnavailable?.();
    if (unavailable)
      return {
        kind: "paused",
        error: `${LIBRARY_UNAVAILABLE} (${unavailable})`,
        reason: "library_unavailable",
      };
  }
  const languages = allowedLanguages(series.languages, hooks.settings.languages);
  const reasons: string[] = [];
  const fail = (hoster: string, language: string, error: string, cause?: unknown) => {
    reasons.push(`${hoster} (${language}): ${error}`);
    hooks.onAttempt({ hoster, language, error, at: Date.now(), ok: false, reason: reasonOf(cause) });
  };
  let links: HosterLink[];
  try {
    links = await deps.catalog.getStreams(
      slugOf(series.catalogKey),
      episode.season,
      episode.number,
      hooks.signal,
    );
  } catch (error) {
    if (hooks.signal.aborted) throw error;
    fail("catalogue", "-", messageOf(error), error);
    return { kind: "failed", error: `the catalogue gave no hoster links: ${messageOf(error)}` };
  }
  const candidates = preferSource(
    orderSources(links, languages, hooks.settings.hosterOrder),
    item.download.language,
    item.download.hoster,
  );
  if (!candidates.length) {
    const offered = [...new Set(links.map((l) => l.language))].join(", ") || "none";
    const error = `no hoster link in an allowed language (allowed: ${languages.join(", ")}; offered: ${offered})`;
    fail("-", "-", error);
    return { kind: "failed", error };
  }
  for (const link of candidates) {
    const extractor = deps.extractors.get(link.hoster);
    if (!extractor) {
      fail(link.hoster, link.language, "no extractor for this hoster");
      continue;
    }
    const rel = renderEpisodePath(hooks.settings.namingTemplate, {
      series: series.title,
      year: series.year,
      season: episode.season,
      episode: episode.number,
      title: episode.titleDe || episode.titleEn,
      language: link.language,
      imdbId: series.imdbId,
      tmdbId: series.tmdbId,
      catalogKey: series.catalogKey,
    });
    const base = resolveInsideRoot(seriesDir, rel);
    let source: MediaSource | null = null;
    try {
      const embed = await deps.catalog.resolveRedirect(link.redirectPath, hooks.signal);
      source = await extractor.extract(embed, { http: deps.http, signal: hooks.signal });
      const targetPath = relative(deps.libraryRoot, base);
      // Two episodes must never share a file: the second would overwrite the first.
      const owner = hooks.pathOwner(targetPath);
      if (owner !== null) {
        const error = `the file name "${targetPath}" is already used by ${owner}; change the naming template`;
        fail(extractor.hoster, link.language, error);
        return { kind: "failed", error };
      }
      hooks.onSource({ language: link.language, hoster: extractor.hoster, targetPath });
      // A .part left by another hoster or language holds different bytes: never resume into it.
      await dropForeignParts(deps.libraryRoot, item, link, base);
      const result = await transferMedia(base, {
        source,
        signal: hooks.signal,
        bucket: deps.bucket,
        stallMs: deps.stallMs,
        keepFreeBytes: deps.keepFreeBytes,
        ffmpeg: deps.ffmpeg,
        net: deps.http.net,
        onProgress: hooks.onProgress,
        onFolderMade: (made) => {
          const folder = madeFolderWithin(seriesDir, dirname(base), made);
          if (folder) hooks.onFolderMade(relative(deps.libraryRoot, folder));
        },
      });
      hooks.onSuccess?.({
        hoster: extractor.hoster,
        language: link.language,
        error: "",
        at: Date.now(),
        ok: true,
      });
      return {
        kind: "completed",
        absolutePath: result.finalPath,
        relativePath: relative(deps.libraryRoot, result.finalPath),
        size: result.bytes,
        language: link.language,
        note: result.note,
      };
    } catch (error) {
      if (hooks.signal.aborted) throw error;
      if (error instanceof TransferError && error.reason === "disk_space")
        return { kind: "paused", error: error.message, reason: error.reason };
      if (error instanceof TransferError && error.reason === "folder_gone")
        return { kind: "paused", error: WAITING_FOR_FOLDER, reason: error.reason };
      fail(extractor.hoster, link.language, messageOf(error), error);
      if (source) await removeTransferLeftovers(base);
    }
  }
  return { kind: "failed", error: `no usable source: ${reasons.join("; ")}` };
}

/** The source a row names (picked by the user, or the one a paused download used) goes first. */
function preferSource(
  candidates: HosterLink[],
  language: string | null,
  hoster: string | null,
): HosterLink[] {
  if (!language || !hoster) return candidates;
  const i = candidates.findIndex(
    (c) => c.language === language && c.hoster.toLowerCase() === hoster.toLowerCase(),
  );
  if (i <= 0) return candidates;
  return [candidates[i] as HosterLink, ...candidates.slice(0, i), ...candidates.slice(i + 1)];
}

export function allowedLanguages(seriesLanguages: string[] | null, global: readonly Language[]): Language[] {
  const known = (seriesLanguages ?? []).filter((l): l is Language =>
    (LANGUAGES as readonly string[]).includes(l),
  );
  return known.length ? known : [...global];
}

/**
 * Removes what earlier transfers left at this download's names, unless this download wrote it from this very
 * source. A download that never chose a source before owns no leftovers; files found at its name are of
 * unknown origin (e.g. of a download removed with its series while the files were kept).
 */
async function dropForeignParts(
  root: string,
  item: DownloadWithEpisode,
  link: HosterLink,
  base: string,
): Promise<void> {
  const d = item.download;
  if (d.targetPath && d.hoster) {
    const sameSource = d.hoster.toLowerCase() === link.hoster.toLowerCase() && d.language === link.language;
    const previousBase = resolveInsideRoot(root, d.targetPath);
    if (sameSource && previousBase === base) return;
    await removeTransferLeftovers(previousBase);
    if (previousBase === base) return;
  }
  await removeTransferLeftovers(base);
}

/** A short failure code for the attempt log: the hoster's reason, the provider's code, or the transfer's. */
function reasonOf(error: unknown): string {
  if (error instanceof TransferError) return error.reason;
  if (error && typeof error === "object" && "reason" in error && typeof error.reason === "string")
    return error.reason;
  if (error instanceof ProviderError) return error.code ?? (error.status !== null ? "http" : "network");
  return "error";
}
