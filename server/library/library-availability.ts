import { readdirSync } from "node:fs";
import { messageOf } from "../lib/error-message.ts";

/**
 * Whether the library folder is really there. A network share or drive that is not mounted leaves its
 * mount point behind, empty or unreadable: taken at its word, a full scan would mark every series gone
 * and every episode missing, the monitor would queue the whole library again, and the loader would make
 * every series folder anew on the disk under the mount point. So when none of the series folders known
 * to have been on disk is in the library folder, nothing is taken as gone and nothing is loaded again until they
 * are back (a library whose one series folder was deleted by hand is refused too: removing the series says
 * what is meant).
 *
 * Returns why the library looks unavailable, or null when it looks fine. `present` are the names in the
 * library folder (see presentSeriesFolders); `known` the series folders known to have been on disk
 * (foldersKnownOnDisk).
 */
export function unavailableLibrary(
  known: readonly string[],
  present: ReadonlySet<string> | { error: string },
): string | null {
  if (known.length === 0) return null;
  if ("error" in present) return `the library folder cannot be read: ${present.error}`;
  for (const folder of known) if (present.has(topFolderOf(folder))) return null;
  return known.length === 1
    ? "the library's series folder is not in the library folder: is its drive or share mounted?"
    : `none of the library's ${known.length} series folders is in the library folder: is its drive or share mounted?`;
}

/** The names directly in the library folder, or why it cannot be read. */
export function presentSeriesFolders(root: string): ReadonlySet<string> | { error: string } {
  try {
    return new Set(readdirSync(root));
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/** Series folders sit directly in the library folder; a stored folder is compared by its first segment. */
function topFolderOf(folder: string): string {
  const slash = folder.indexOf("/");
  return slash === -1 ? folder : folder.slice(0, slash);
}
