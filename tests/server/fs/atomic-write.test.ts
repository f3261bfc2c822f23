import { expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isTemporaryName, writeFileAtomic, writeFileAtomicSync } from "../../../server/fs/atomic-write.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

for (const [name, write] of [
  ["writeFileAtomic", writeFileAtomic],
  ["writeFileAtomicSync", writeFileAtomicSync],
] as const) {
  test(`${name} replaces the file whole and leaves no temporary file, also when the rename fails`, async () => {
    const tmp = tempDir();
    try {
      const target = join(tmp.path, "tvshow.nfo");
      writeFileSync(target, "old");
      await write(target, "new content");
      expect(readFileSync(target, "utf8")).toBe("new content");
      expect(readdirSync(tmp.path)).toEqual(["tvshow.nfo"]);

      // A directory in the way: the rename fails, the error reaches the caller, nothing is left behind.
      const blocked = join(tmp.path, "blocked");
      mkdirSync(join(blocked, "inside"), { recursive: true });
      let failed = false;
      try {
        await write(blocked, "x");
      } catch {
        failed = true;
      }
      expect(failed).toBe(true);
      expect(readdirSync(tmp.path).filter(isTemporaryName)).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });
}
