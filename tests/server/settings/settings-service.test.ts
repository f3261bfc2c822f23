import { expect, test } from "bun:test";
import { openDatabase } from "../../../db/connection.ts";
import { SettingsService } from "../../../server/settings/settings-service.ts";
import { DEFAULT_SETTINGS } from "../../../shared/settings.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

test("settings start at their defaults, persist changes, and refuse bad values without losing anything", () => {
  const tmp = tempDir();
  const h = openDatabase(tmp.path);
  const s = new SettingsService(h.db);
  expect(s.get()).toEqual(DEFAULT_SETTINGS);
  const seen: string[][] = [];
  s.onChange((_n, changed) => seen.push([...changed].sort()));
  s.update({ loaderConcurrency: 7, languages: ["en-sub", "de"] });
  expect(seen).toEqual([["languages", "loaderConcurrency"]]);
  expect(() => s.update({ loaderConcurrency: 0 })).toThrow(/invalid settings/);
  expect(() => s.update({ languages: ["klingon"] })).toThrow(/invalid settings/);
  expect(s.get().loaderConcurrency).toBe(7);
  h.close();
  const again = new SettingsService(openDatabase(tmp.path).db);
  expect(again.get().loaderConcurrency).toBe(7);
  expect(again.get().languages).toEqual(["en-sub", "de"]);
  tmp.cleanup();
});
