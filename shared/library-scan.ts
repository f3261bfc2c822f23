import * as v from "valibot";
import { CatalogKeySchema } from "./catalog.ts";
import { LanguageSchema } from "./languages.ts";

/**
 * What a library scan finds on disk, and the messages between the main thread and the scan worker
 * (server/library/scan.worker.ts). Both sides validate what they receive with these schemas.
 */

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const RelativePath = v.pipe(v.string(), v.maxLength(4096));

export const ScanIssueSchema = v.object({
  /** Relative to the library root ("" = the root itself). */
  path: RelativePath,
  problem: v.picklist(["unreadable", "symlink-outside-root", "symlink-broken", "identity-conflict"]),
  message: v.pipe(v.string(), v.maxLength(1000)),
});
export type ScanIssue = v.InferOutput<typeof ScanIssueSchema>;

export const ScannedFileSchema = v.object({
  /** Relative to the library root, "/"-separated. */
  path: RelativePath,
  size: Count,
  season: v.nullable(Count),
  episodes: v.array(Count),
  absolute: v.array(Count),
  language: v.nullable(LanguageSchema),
  /**
   * The season was written as a tag apart from the number ("S2 - 25"): the number may count on from earlier
   * seasons, where S02E25 always counts within the season. Absent means false.
   */
  seasonTag: v.optional(v.boolean()),
});
export type ScannedFile = v.InferOutput<typeof ScannedFileSchema>;

export const FolderIdentitySchema = v.object({
  catalogKey: CatalogKeySchema,
  title: v.pipe(v.string(), v.maxLength(500)),
  year: v.nullable(v.pipe(v.number(), v.integer())),
  /** Where the key came from: the `.aniworld.json` sidecar or a `uniqueid type="aniworld"` in tvshow.nfo. */
  source: v.picklist(["sidecar", "nfo"]),
});
export type FolderIdentity = v.InferOutput<typeof FolderIdentitySchema>;

export const ArtworkFlagsSchema = v.object({
  poster: v.boolean(),
  fanart: v.boolean(),
  logo: v.boolean(),
  banner: v.boolean(),
  nfo: v.boolean(),
});
export type ArtworkFlags = v.InferOutput<typeof ArtworkFlagsSchema>;

export const ScannedFolderSchema = v.object({
  /** The series folder's name directly under the library root. */
  folder: RelativePath,
  /** mtime (ms) of the series folder ("") and each subfolder read, for incremental rescans. */
  mtimes: v.record(v.string(), v.number()),
  identity: v.nullable(FolderIdentitySchema),
  /** Title from tvshow.nfo when it has no aniworld id (helps suggesting a match). */
  nfoTitle: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  artwork: ArtworkFlagsSchema,
  files: v.array(ScannedFileSchema),
  /** Video files whose names gave no episode number. */
  unparsed: v.array(RelativePath),
  issues: v.array(ScanIssueSchema),
  /** False when the folder does not exist (any more): everything once found in it is gone. */
  exists: v.boolean(),
  /** False when part of the folder could not be read: files not seen are then not treated as gone. */
  complete: v.boolean(),
});
export type ScannedFolder = v.InferOutput<typeof ScannedFolderSchema>;

/** main → worker */
export const ScanWorkerRequestSchema = v.object({
  type: v.literal("scan"),
  jobId: v.string(),
  root: v.pipe(v.string(), v.minLength(1)),
  /** Only these series folders (targeted scan); null = every folder under the root. */
  folders: v.nullable(v.array(RelativePath)),
  /** Folder → mtimes from the last scan; folders whose mtimes all match are reported as unchanged. */
  previous: v.record(v.string(), v.record(v.string(), v.number())),
  /** How many folders per "folders" message. */
  batchSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /**
   * Parallel full scans: this worker takes every `count`-th folder from `index` on; only shard 0 reports
   * the root's own issues. Absent = all folders.
   */
  shard: v.optional(
    v.pipe(
      v.object({ index: Count, count: v.pipe(Count, v.minValue(1)) }),
      v.check((s) => s.index < s.count, "shard index out of range"),
    ),
  ),
});
export type ScanWorkerRequest = v.InferOutput<typeof ScanWorkerRequestSchema>;

/** worker → main, as the server sees it once shared/scan-wire.ts has unpacked the columns. */
export const ScanWorkerMessageSchema = v.variant("type", [
  v.object({ type: v.literal("started"), jobId: v.string(), total: Count }),
  v.object({
    type: v.literal("folders"),
    jobId: v.string(),
    folders: v.array(ScannedFolderSchema),
    unchanged: v.array(RelativePath),
    /** Folders handled so far in this job (including this batch). */
    done: Count,
  }),
  v.object({ type: v.literal("finished"), jobId: v.string(), issues: v.array(ScanIssueSchema) }),
  v.object({ type: v.literal("failed"), jobId: v.string(), message: v.string() }),
]);
export type ScanWorkerMessage = v.InferOutput<typeof ScanWorkerMessageSchema>;
