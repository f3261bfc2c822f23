import { expect, test } from "bun:test";
import * as v from "valibot";
import {
  episodeCode,
  MAX_SEGMENT_BYTES,
  type NamingValues,
  previewName,
  renderEpisodePath,
  SAMPLE_NAMING_VALUES,
  sanitizeSegment,
  validateTemplate,
} from "../../shared/naming.ts";
import { DEFAULT_SETTINGS, SettingsPatchSchema } from "../../shared/settings.ts";

const base: NamingValues = { ...SAMPLE_NAMING_VALUES };

test("the default template gives season folders and S01E01 names that media servers read", () => {
  const path = renderEpisodePath(DEFAULT_SETTINGS.namingTemplate, base);
  expect(path).toBe("Season 01/Frieren - Beyond Journey's End - S01E05 - Phantoms of the Dead [German Dub]");
  expect(path).toMatch(/\/[^/]* S01E05 /);
});

test("every placeholder renders, including padding and ids", () => {
  const t =
    "{series} ({year}) [imdbid-{imdbid}] [tmdbid-{tmdbid}]/S{season}/{season:00}x{episode:000} {episode} {episode:00} {title} {language} {catalogkey}";
  expect(renderEpisodePath(t, base)).toBe(
    "Frieren - Beyond Journey's End (2023) [imdbid-tt22248376] [tmdbid-209867]/S1/01x005 5 05 Phantoms of the Dead German Dub aniworld-frieren-beyond-journeys-end",
  );
});

test("season 0 goes to a Specials folder; empty values leave no dangling separators", () => {
  const t =
    "{series} ({year}) [imdbid-{imdbid}]/Season {season:00}/{series} - S{season:00}E{episode:00} - {title}";
  const path = renderEpisodePath(t, { ...base, season: 0, year: null, imdbId: null, title: null });
  expect(path).toBe("Frieren - Beyond Journey's End/Specials/Frieren - Beyond Journey's End - S00E05");
});

test("hostile data never escapes its segment", () => {
  const hostile: NamingValues = {
    ...base,
    series: "../../etc/passwd",
    title: 'a/b\\c<d>e:f"g|h?i*j\u0000k\nl',
  };
  const path = renderEpisodePath("{series}/{title} S{season}E{episode}", hostile);
  const segments = path.split("/");
  expect(segments).toHaveLength(2);
  for (const s of segments) {
    expect(s.startsWith(".")).toBe(false);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that control characters are gone
    expect(s).not.toMatch(/[<>:"\\|?*\u0000-\u001f]/);
  }
  expect(segments[0]).toBe("-..-etc-passwd");
  expect(segments.some((s) => s === ".." || s === ".")).toBe(false);
  expect(renderEpisodePath("{series} S{season}E{episode}", { ...base, series: "..." })).toBe("S1E5");
  expect(sanitizeSegment("...", 7)).toBe("Episode 7");
  expect(sanitizeSegment("CON")).toBe("CON_");
  expect(sanitizeSegment("trailing dots... ")).toBe("trailing dots");
});

test("long names are cut to a byte limit on a character boundary", () => {
  const long = "進撃の巨人".repeat(100);
  const s = sanitizeSegment(long);
  expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
  expect(s).not.toContain("\uFFFD");
  expect(long.startsWith(s)).toBe(true);
});

test("bad templates are refused with reasons", () => {
  const bad = (t: string) => {
    const r = validateTemplate(t);
    return r.ok ? [] : r.errors;
  };
  expect(bad("{series} S{season}E{episode}")).toEqual([]);
  expect(bad("{series} {nope} S{season}E{episode}").join()).toContain("unknown placeholder {nope}");
  expect(bad("/abs/S{season}E{episode}").join()).toContain("relative");
  expect(bad("../S{season}E{episode}").join()).toContain('".."');
  expect(bad("a//S{season}E{episode}").join()).toContain("empty folder");
  expect(bad("{series S{season}E{episode}").join()).toContain("unbalanced");
  expect(bad("{series} {title}").join()).toContain("{episode}");
  expect(bad("{series} E{episode}").join()).toContain("{season}");
  expect(bad("a\\S{season}E{episode}").join()).toContain('"/"');
  expect(previewName("{bad}")).toMatchObject({ ok: false });
  expect(previewName("S{season:00}E{episode:00}")).toEqual({ ok: true, path: "S01E05.mkv" });
  expect(() => renderEpisodePath("{x}", base)).toThrow(/invalid naming template/);
});

test("the settings schema refuses an invalid naming template", () => {
  expect(v.safeParse(SettingsPatchSchema, { namingTemplate: "{series}" }).success).toBe(false);
  expect(v.safeParse(SettingsPatchSchema, { namingTemplate: "{series} S{season}E{episode}" }).success).toBe(
    true,
  );
});

test("episode codes pad to two digits, grow past them, and name a range by its last episode", () => {
  expect(episodeCode(1, 5)).toBe("S01E05");
  expect(episodeCode(0, 1)).toBe("S00E01");
  expect(episodeCode(21, 1089)).toBe("S21E1089");
  expect(episodeCode(2, 5, 7)).toBe("S02E05-E07");
  expect(episodeCode(2, 5, 5)).toBe("S02E05");
});
