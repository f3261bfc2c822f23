import { statfs } from "node:fs/promises";
import type { CheckResult, HosterSummary } from "../../shared/diagnostics.ts";
import { findFfmpeg } from "../downloads/transfer/media-transfer.ts";
import { messageOf } from "../lib/error-message.ts";
import { presentSeriesFolders, unavailableLibrary } from "../library/library-availability.ts";
import type { HttpClient } from "../providers/http/http-client.ts";
import { FlareSolverr } from "../providers/net/flaresolverr.ts";
import { blockedAdvice, ProviderError } from "../providers/provider-error.ts";
import { probeTmdbKey } from "../providers/tmdb/tmdb-key-probe.ts";

/** The hoster domains the site links to today (facts/aniworld.md); checked for reachability. */
export const HOSTER_DOMAINS = [
  "https://voe.sx",
  "https://filemoon.sx",
  "https://vidmoly.to",
  "https://loadx.ws",
  "https://luluvdo.com",
  "https://dood.li",
  "https://speedfiles.net",
  "https://vidoza.net",
];

const LOW_DISK_BYTES = 5 * 1024 ** 3;

export interface CheckInput {
  http: HttpClient;
  catalogUrl: string;
  tmdbUrl: string;
  tmdbImageUrl: string;
  tmdbApiKey: string;
  libraryRoot: string;
  /** The series folders the database knows: the library folder must hold some of them. */
  seriesFolders: readonly string[];
  /** Hoster origins to check (default HOSTER_DOMAINS; tests pass stand-ins). */
  hosterOrigins?: readonly string[];
  /** Series whose loading failed: title and error. */
  failedSeries: { title: string; error: string | null }[];
  hosters: HosterSummary[];
  ffmpeg?: string | null;
  signal?: AbortSignal;
}

/**
 * Everything that stands between the user and a finished download, each with advice: catalogue reachable
 * or blocked, FlareSolverr, the TMDB key, each hoster domain, ffmpeg, free disk space, series that failed
 * to load, hosters that fail. Checks run side by side; none throws.
 */
export async function runConnectionChecks(input: CheckInput): Promise<CheckResult[]> {
  const catalogHost = new URL(input.catalogUrl).host;
  const [catalogue, solver, tmdb, disk, ...hosters] = await Promise.all([
    checkCatalogue(input, catalogHost),
    checkSolver(input),
    checkTmdb(input),
    checkDisk(input.libraryRoot, input.seriesFolders),
    ...(input.hosterOrigins ?? HOSTER_DOMAINS).map((origin) => checkHoster(input, origin)),
  ]);
  return [catalogue, solver, tmdb, ...hosters, disk, ...localChecks(input, catalogHost)];
}

/** The input of the checks that stay on this machine. */
export type LocalCheckInput = Pick<
  CheckInput,
  "http" | "catalogUrl" | "libraryRoot" | "seriesFolders" | "failedSeries" | "hosters" | "ffmpeg"
>;

/**
 * The checks that need no outbound request (disk, ffmpeg, failed series, failing hosters): cheap enough
 * to run on a schedule.
 */
export async function runLocalChecks(input: LocalCheckInput): Promise<CheckResult[]> {
  const disk = await checkDisk(input.libraryRoot, input.seriesFolders);
  return [disk, ...localChecks(input, new URL(input.catalogUrl).host)];
}

function localChecks(input: LocalCheckInput, catalogHost: string): CheckResult[] {
  const ffmpeg = input.ffmpeg === undefined ? findFfmpeg() : input.ffmpeg;
  const out: CheckResult[] = [];
  out.push(
    ffmpeg
      ? { id: "ffmpeg", label: "ffmpeg", status: "ok", detail: ffmpeg, advice: null }
      : {
          id: "ffmpeg",
          label: "ffmpeg",
          status: "warn",
          detail: "not installed",
          advice:
            "install ffmpeg so HLS downloads become .mp4 (and separate audio tracks are merged); without it they stay .ts",
        },
  );
  out.push(
    input.failedSeries.length
      ? {
          id: "failed-series",
          label: "Series loading",
          status: "warn",
          detail: `${input.failedSeries.length} series failed to load: ${input.failedSeries
            .slice(0, 3)
            .map((s) => `${s.title} (${s.error ?? "no reason recorded"})`)
            .join("; ")}`,
          advice: input.failedSeries.some((s) => /blocking this server/.test(s.error ?? ""))
            ? blockedAdvice(catalogHost, input.http.net.hasSolver)
            : "open the series and use “Retry loading”; if it fails again, the error says why",
        }
      : {
          id: "failed-series",
          label: "Series loading",
          status: "ok",
          detail: "no series failed to load",
          advice: null,
        },
  );
  const failing = input.hosters.filter((h) => !h.lastOk);
  out.push(
    failing.length
      ? {
          id: "failing-hosters",
          label: "Hosters",
          status: "warn",
          detail: failing.map((h) => `${h.hoster}: ${h.lastError ?? "failed"}`).join("; "),
          advice:
            "the queue falls back to the next hoster; put the hosters that work first in Settings → Hoster order (System → Providers shows the last results)",
        }
      : {
          id: "failing-hosters",
          label: "Hosters",
          status: "ok",
          detail: input.hosters.length ? "the last attempt of every hoster worked" : "no downloads yet",
          advice: null,
        },
  );
  return out;
}

async function checkCatalogue(input: CheckInput, host: string): Promise<CheckResult> {
  const base = { id: "catalogue", label: `Catalogue (${host})` };
  try {
    const res = await input.http.request({
      provider: "aniworld",
      url: input.catalogUrl,
      kind: "document",
      retry: { maxRetries: 0 },
      timeoutMs: 15_000,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    return { ...base, status: "ok", detail: `reachable (HTTP ${res.status})`, advice: null };
  } catch (error) {
    if (error instanceof ProviderError && error.code === "blocked")
      return { ...base, status: "fail", detail: "blocked by an anti-bot check", advice: error.message };
    // An ordinary HTTP answer (not a challenge) still proves the way is open.
    if (error instanceof ProviderError && error.status !== null && error.status < 500)
      return { ...base, status: "ok", detail: `reachable (HTTP ${error.status})`, advice: null };
    return {
      ...base,
      status: "fail",
      detail: `not reachable: ${messageOf(error)}`,
      advice: "check this server's internet connection, DNS and the proxy setting (Settings → Connections)",
    };
  }
}

async function checkSolver(input: CheckInput): Promise<CheckResult> {
  const url = input.http.net.settings.flaresolverrUrl;
  const base = { id: "flaresolverr", label: "FlareSolverr" };
  if (!url)
    return {
      ...base,
      status: "ok",
      detail: "not set (needed only when the catalogue blocks this server)",
      advice: null,
    };
  try {
    const version = await new FlareSolverr(url).ping(input.signal);
    return { ...base, status: "ok", detail: `reachable at ${url} (version ${version})`, advice: null };
  } catch (error) {
    return {
      ...base,
      status: "fail",
      detail: messageOf(error),
      advice:
        "start FlareSolverr (e.g. the ghcr.io/flaresolverr/flaresolverr container) or correct its URL in Settings → Connections",
    };
  }
}

async function checkTmdb(input: CheckInput): Promise<CheckResult> {
  const base = { id: "tmdb", label: "TMDB key" };
  if (!input.tmdbApiKey)
    return {
      ...base,
      status: "warn",
      detail: "no key set",
      advice: "add a TMDB key in Settings for artwork, logos and episode names",
    };
  const probe = await probeTmdbKey(
    { apiKey: input.tmdbApiKey, baseUrl: input.tmdbUrl, imageBaseUrl: input.tmdbImageUrl },
    input.http,
    input.signal,
  );
  if (probe.result === "accepted")
    return { ...base, status: "ok", detail: "the key is accepted", advice: null };
  if (probe.result === "refused")
    return {
      ...base,
      status: "fail",
      detail: `TMDB refuses the key (${probe.error.status})`,
      advice: "enter a valid v3 API key or v4 read-access token in Settings",
    };
  return {
    ...base,
    status: "fail",
    detail: `TMDB not reachable: ${messageOf(probe.error)}`,
    advice: "check this server's internet connection and proxy",
  };
}

async function checkHoster(input: CheckInput, origin: string): Promise<CheckResult> {
  const host = new URL(origin).host;
  const base = { id: `hoster:${host}`, label: `Hoster ${host}` };
  try {
    const res = await input.http.request({
      provider: host,
      url: origin,
      kind: "document",
      allowedHosts: "any",
      retry: { maxRetries: 0 },
      timeoutMs: 10_000,
      maxBytes: 2 * 1024 * 1024,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    return { ...base, status: "ok", detail: `reachable (HTTP ${res.status})`, advice: null };
  } catch (error) {
    if (error instanceof ProviderError && error.code === "blocked")
      return { ...base, status: "warn", detail: "answers with an anti-bot check", advice: error.message };
    if (error instanceof ProviderError && error.status !== null && error.status < 500)
      return { ...base, status: "ok", detail: `reachable (HTTP ${error.status})`, advice: null };
    return {
      ...base,
      status: "warn",
      detail: `not reachable: ${messageOf(error)}`,
      advice:
        "downloads fall back to other hosters; a proxy (Settings → Connections) may help if your network blocks it",
    };
  }
}

async function checkDisk(root: string, seriesFolders: readonly string[]): Promise<CheckResult> {
  const base = { id: "disk", label: "Library folder" };
  try {
    const s = await statfs(root);
    const unavailable = unavailableLibrary(seriesFolders, presentSeriesFolders(root));
    if (unavailable)
      return {
        ...base,
        status: "fail",
        detail: unavailable,
        advice:
          "mount the drive or share, or point ANIWORLD_LIBRARY at it; until then scans mark no series gone and nothing is loaded again",
      };
    const free = s.bavail * s.bsize;
    const gib = (free / 1024 ** 3).toFixed(1);
    return free < LOW_DISK_BYTES
      ? {
          ...base,
          status: "warn",
          detail: `${gib} GiB free`,
          advice: "free some space on the library's disk; downloads pause when it runs out",
        }
      : { ...base, status: "ok", detail: `${gib} GiB free`, advice: null };
  } catch (error) {
    return {
      ...base,
      status: "fail",
      detail: `cannot read the library folder: ${messageOf(error)}`,
      advice: "check that the library folder exists and is readable",
    };
  }
}
