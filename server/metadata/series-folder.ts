import { mkdir } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { AppError } from "../../shared/errors.ts";

/** Makes sure a series folder lies inside the library root (catalogue data never writes elsewhere). */
export async function ensureSeriesDir(libraryRoot: string, seriesDir: string): Promise<string> {
  const root = resolve(libraryRoot);
  const dir = resolve(seriesDir);
  const rel = relative(root, dir);
  if (!isAbsolute(seriesDir) || rel === "" || rel.startsWith("..") || isAbsolute(rel))
    throw new AppError("BAD_REQUEST", "the series folder is not inside the library root");
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function nonEmptyFileExists(path: string): Promise<boolean> {
  const file = Bun.file(path);
  return (await file.exists()) && file.size > 0;
}
