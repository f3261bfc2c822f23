import { mkdir } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { AppError } from "../../shared/errors.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";

/** Creates a series folder, which must lie inside the library root (catalogue data never writes elsewhere). */
export async function ensureSeriesDir(libraryRoot: string, seriesDir: string): Promise<string> {
  if (!isAbsolute(seriesDir)) throw new AppError("BAD_REQUEST", "the series folder must be an absolute path");
  const dir = resolveInsideRoot(libraryRoot, relative(resolve(libraryRoot), resolve(seriesDir)));
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function nonEmptyFileExists(path: string): Promise<boolean> {
  const file = Bun.file(path);
  return (await file.exists()) && file.size > 0;
}
