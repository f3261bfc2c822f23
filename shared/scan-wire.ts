import * as v from "valibot";
import { LANGUAGES, type Language } from "./languages.ts";
import {
  ScanIssueSchema,
  type ScannedFile,
  type ScannedFolder,
  ScannedFolderSchema,
  type ScanWorkerMessage,
} from "./library-scan.ts";

/**
 * How the scan worker's messages travel. The files of a batch go as columns (typed arrays and one string)
 * instead of one object per file: a 100k-file scan cloned and valibot-checked as objects cost ~1 s of the
 * main thread (measured: structured clone ~570 ms, per-file schema ~400 ms), as columns a copy of a few
 * buffers plus one tight checking loop. The envelope and the per-folder facts are still valibot-checked;
 * the columns are checked by `unpackFolders`, which rejects anything a ScannedFileSchema would.
 */

export const PackedFilesSchema = v.object({
  /** How many files each folder of the batch has, in order. */
  perFolder: v.instance(Uint32Array),
  /** Every path, joined with NUL (a file name can never contain one). */
  paths: v.string(),
  sizes: v.instance(Float64Array),
  /** -1 = no season. */
  seasons: v.instance(Int32Array),
  /** 0 = no language, i + 1 = LANGUAGES[i]. */
  languages: v.instance(Uint8Array),
  /** 1 = ScannedFile.seasonTag. */
  seasonTags: v.instance(Uint8Array),
  episodeCounts: v.instance(Uint16Array),
  absoluteCounts: v.instance(Uint16Array),
  /** Each file's episode numbers, then its absolute numbers. */
  numbers: v.instance(Uint32Array),
});
export type PackedFiles = v.InferOutput<typeof PackedFilesSchema>;

const FolderFactsSchema = v.omit(ScannedFolderSchema, ["files"]);
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const ScanWireMessageSchema = v.variant("type", [
  v.object({ type: v.literal("started"), jobId: v.string(), total: Count }),
  v.object({
    type: v.literal("folders"),
    jobId: v.string(),
    folders: v.array(FolderFactsSchema),
    files: PackedFilesSchema,
    unchanged: v.array(v.pipe(v.string(), v.maxLength(4096))),
    done: Count,
  }),
  v.object({ type: v.literal("finished"), jobId: v.string(), issues: v.array(ScanIssueSchema) }),
  v.object({ type: v.literal("failed"), jobId: v.string(), message: v.string() }),
]);
export type ScanWireMessage = v.InferOutput<typeof ScanWireMessageSchema>;

const LANGUAGE_INDEX = new Map<string, number>(LANGUAGES.map((l, i) => [l, i + 1]));

/** Worker side: the folders' files as columns. */
export function packFiles(folders: readonly ScannedFolder[]): PackedFiles {
  let n = 0;
  let numberCount = 0;
  for (const f of folders)
    for (const file of f.files) {
      n++;
      numberCount += file.episodes.length + file.absolute.length;
    }
  const packed: PackedFiles = {
    perFolder: new Uint32Array(folders.length),
    paths: "",
    sizes: new Float64Array(n),
    seasons: new Int32Array(n),
    languages: new Uint8Array(n),
    seasonTags: new Uint8Array(n),
    episodeCounts: new Uint16Array(n),
    absoluteCounts: new Uint16Array(n),
    numbers: new Uint32Array(numberCount),
  };
  const paths: string[] = [];
  let i = 0;
  let k = 0;
  folders.forEach((folder, fi) => {
    packed.perFolder[fi] = folder.files.length;
    for (const file of folder.files) {
      paths.push(file.path);
      packed.sizes[i] = file.size;
      packed.seasons[i] = file.season ?? -1;
      packed.languages[i] = file.language === null ? 0 : (LANGUAGE_INDEX.get(file.language) ?? 0);
      packed.seasonTags[i] = file.seasonTag ? 1 : 0;
      packed.episodeCounts[i] = file.episodes.length;
      packed.absoluteCounts[i] = file.absolute.length;
      for (const e of file.episodes) packed.numbers[k++] = e;
      for (const a of file.absolute) packed.numbers[k++] = a;
      i++;
    }
  });
  packed.paths = paths.join("\0");
  return packed;
}

const MAX_PATH = 4096;

/** Main side: the folders with their files again; throws when the columns do not add up. */
export function unpackFolders(
  facts: readonly Omit<ScannedFolder, "files">[],
  packed: PackedFiles,
): ScannedFolder[] {
  const n = packed.sizes.length;
  const bad = (what: string): never => {
    throw new Error(`packed files: ${what}`);
  };
  if (packed.perFolder.length !== facts.length) bad("folder count");
  const columns = [
    packed.seasons,
    packed.languages,
    packed.seasonTags,
    packed.episodeCounts,
    packed.absoluteCounts,
  ];
  for (const column of columns) if (column.length !== n) bad("column lengths");
  const paths = n === 0 ? [] : packed.paths.split("\0");
  if (paths.length !== n) bad("path count");
  let i = 0;
  let k = 0;
  const folders = facts.map((fact, fi) => {
    const count = packed.perFolder[fi]!;
    if (i + count > n) bad("file count");
    const files: ScannedFile[] = new Array(count);
    for (let j = 0; j < count; j++, i++) {
      const path = paths[i]!;
      const size = packed.sizes[i]!;
      const season = packed.seasons[i]!;
      const language = packed.languages[i]!;
      const seasonTag = packed.seasonTags[i]!;
      const ec = packed.episodeCounts[i]!;
      const ac = packed.absoluteCounts[i]!;
      if (path.length > MAX_PATH) bad("path too long");
      if (!Number.isInteger(size) || size < 0) bad("size");
      if (season < -1) bad("season");
      if (language > LANGUAGES.length) bad("language");
      if (seasonTag > 1) bad("season tag");
      if (k + ec + ac > packed.numbers.length) bad("numbers");
      // Plain loops: Array.from(subarray) costs ~4 µs a file in JSC (measured), this a few ns.
      const episodes: number[] = new Array(ec);
      for (let e = 0; e < ec; e++) episodes[e] = packed.numbers[k++]!;
      const absolute: number[] = new Array(ac);
      for (let a = 0; a < ac; a++) absolute[a] = packed.numbers[k++]!;
      files[j] = {
        path,
        size,
        season: season === -1 ? null : season,
        episodes,
        absolute,
        language: language === 0 ? null : (LANGUAGES[language - 1] as Language),
      };
      if (seasonTag === 1) files[j]!.seasonTag = true;
    }
    return { ...fact, files };
  });
  if (i !== n || k !== packed.numbers.length) bad("left-over files or numbers");
  return folders;
}

/** The wire message as the rest of the server sees it (files as objects). */
export function decodeWireMessage(message: ScanWireMessage): ScanWorkerMessage {
  if (message.type !== "folders") return message;
  const { files, ...rest } = message;
  return { ...rest, folders: unpackFolders(message.folders, files) };
}
