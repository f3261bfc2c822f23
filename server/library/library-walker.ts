import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { parseEpisodeNumbers } from "../../shared/episode-name-parser.ts";
import type { FolderIdentity, ScanIssue, ScannedFile, ScannedFolder } from "../../shared/library-scan.ts";
import { artworkKindOf, isTransferLeftover, isVideoFileName } from "../../shared/media-files.ts";
import { readNfoFacts } from "../metadata/nfo-reader.ts";
import { readSeriesSidecar, SIDECAR_NAME } from "./series-sidecar.ts";

/**
 * The directory walk, synchronous on purpose: it runs inside the scan worker, where blocking is free and
 * sync fs calls are the fastest Bun offers. One series folder = one folder directly under the root; its
 * subfolders (season folders, up to MAX_DEPTH deep) are read too. Dot-files (the temporary names of
 * atomic writes among them), a download's files in progress and extras folders are skipped. Symlinks are
 * followed only when their target stays inside the library root.
 */
const MAX_DEPTH = 3;
const EXTRAS =
  /^(?:extras?|featurettes?|trailers?|samples?|behind the scenes|deleted scenes|interviews|shorts|clips|other)$/i;

export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || isTransferLeftover(name);
}

export interface WalkContext {
  root: string;
  /** realpath of the root, for the "does this symlink stay inside" check. */
  realRoot: string;
}

export function walkContext(root: string): WalkContext {
  return { root, realRoot: realpathSync(root) };
}

const posix = (p: string) => (sep === "/" ? p : p.split(sep).join("/"));
const errorText = (e: unknown) => (e instanceof Error ? e.message.replace(/^[A-Z]+: /, "") : String(e));

type EntryKind = "dir" | "file" | null;

/** Resolves what an entry is, following a symlink only when it stays inside the root. */
function kindOf(
  ctx: WalkContext,
  dir: string,
  entry: Dirent,
  relOf: () => string,
  issues: ScanIssue[],
): EntryKind {
  if (entry.isDirectory()) return "dir";
  if (entry.isFile()) return "file";
  if (!entry.isSymbolicLink()) return null;
  const rel = relOf();
  const full = join(dir, entry.name);
  let target: string;
  try {
    target = realpathSync(full);
  } catch {
    issues.push({ path: rel, problem: "symlink-broken", message: "the link points nowhere" });
    return null;
  }
  if (target !== ctx.realRoot && !target.startsWith(ctx.realRoot + sep)) {
    issues.push({
      path: rel,
      problem: "symlink-outside-root",
      message: "not followed: it leaves the library root",
    });
    return null;
  }
  try {
    const st = statSync(target);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : null;
  } catch {
    return null;
  }
}

/** The series folders directly under the root (sorted), with issues for entries that cannot be used. */
export function listSeriesFolders(ctx: WalkContext, issues: ScanIssue[]): string[] {
  const entries = readdirSync(ctx.root, { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of entries) {
    if (isSkippedName(entry.name)) continue;
    if (kindOf(ctx, ctx.root, entry, () => entry.name, issues) === "dir") folders.push(entry.name);
  }
  return folders.sort();
}

/** True when the folder and every subfolder read last time still has the same mtime. */
export function isUnchanged(
  ctx: WalkContext,
  folder: string,
  previous: Record<string, number> | undefined,
): boolean {
  if (!previous || previous[""] === undefined) return false;
  for (const [rel, mtime] of Object.entries(previous)) {
    try {
      if (statSync(join(ctx.root, folder, rel)).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function readIdentity(dir: string, hasSidecar: boolean, hasNfo: boolean) {
  let identity: FolderIdentity | null = null;
  let nfoTitle: string | null = null;
  if (hasSidecar) {
    // A damaged sidecar is the same as none: the NFO or the folder name decide.
    const sidecar = readSeriesSidecar(dir);
    if (sidecar) identity = { ...sidecar, source: "sidecar" };
  }
  if (hasNfo && identity === null) {
    try {
      const facts = readNfoFacts(readFileSync(join(dir, "tvshow.nfo"), "utf8"));
      nfoTitle = facts.title;
      if (facts.catalogKey)
        identity = {
          catalogKey: facts.catalogKey,
          title: facts.title ?? "",
          year: facts.year,
          source: "nfo",
        };
    } catch {
      // Unreadable NFO: treated as absent.
    }
  }
  return { identity, nfoTitle };
}

/** Reads one series folder completely. Never throws: problems become issues and `complete: false`. */
export function scanSeriesFolder(ctx: WalkContext, folder: string): ScannedFolder {
  const result: ScannedFolder = {
    folder,
    mtimes: {},
    identity: null,
    nfoTitle: null,
    artwork: { poster: false, fanart: false, logo: false, banner: false, nfo: false },
    files: [],
    unparsed: [],
    issues: [],
    exists: true,
    complete: true,
  };
  let hasSidecar = false;
  const seriesDir = join(ctx.root, folder);

  const readDir = (rel: string, depth: number) => {
    const dir = rel ? join(seriesDir, rel) : seriesDir;
    let entries: Dirent[];
    try {
      result.mtimes[rel] = statSync(dir).mtimeMs;
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      delete result.mtimes[rel];
      if (rel === "" && (error as { code?: string }).code === "ENOENT") {
        result.exists = false;
        return;
      }
      result.complete = false;
      result.issues.push({
        path: posix(join(folder, rel)),
        problem: "unreadable",
        message: errorText(error),
      });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (depth === 0 && name === SIDECAR_NAME) hasSidecar = true;
      if (isSkippedName(name)) continue;
      const relPath = rel ? `${rel}/${name}` : name;
      // Plain files skip kindOf, and the issue path is only built for symlinks (rare): this loop runs once per
      // file of the library.
      const kind = entry.isFile()
        ? "file"
        : kindOf(ctx, dir, entry, () => posix(join(folder, relPath)), result.issues);
      if (kind === "dir") {
        if (depth < MAX_DEPTH && !EXTRAS.test(name)) readDir(relPath, depth + 1);
        continue;
      }
      if (kind !== "file") continue;
      if (depth === 0) {
        const art = artworkKindOf(name);
        if (art) {
          result.artwork[art] = true;
          continue;
        }
      }
      if (!isVideoFileName(name)) continue;
      addVideo(relPath, dir + sep + name);
    }
  };

  const addVideo = (relPath: string, full: string) => {
    const path = posix(`${folder}/${relPath}`);
    const parsed = parseEpisodeNumbers(relPath);
    if (parsed.episodes.length === 0 && parsed.absolute.length === 0) {
      result.unparsed.push(path);
      return;
    }
    let size = 0;
    try {
      size = statSync(full).size;
    } catch (error) {
      result.issues.push({ path, problem: "unreadable", message: errorText(error) });
      result.complete = false;
      return;
    }
    const file: ScannedFile = {
      path,
      size,
      season: parsed.season,
      episodes: parsed.episodes,
      absolute: parsed.absolute,
      language: parsed.language,
    };
    if (parsed.seasonTag) file.seasonTag = true;
    result.files.push(file);
  };

  readDir("", 0);
  if (result.mtimes[""] !== undefined) {
    const ids = readIdentity(seriesDir, hasSidecar, result.artwork.nfo);
    result.identity = ids.identity;
    result.nfoTitle = ids.nfoTitle;
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.unparsed.sort();
  return result;
}
