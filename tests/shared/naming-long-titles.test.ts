import { expect, test } from "bun:test";
import {
  MAX_SEGMENT_BYTES,
  type NamingValues,
  renderEpisodePath,
  SAMPLE_NAMING_VALUES,
  sanitizeSegment,
} from "../../shared/naming.ts";
import { DEFAULT_SETTINGS } from "../../shared/settings.ts";

const bytes = (s: string) => new TextEncoder().encode(s).length;
const longTitle = "Ein sehr langer Titel ".repeat(25).trim(); // 549 characters

test("a 500-character series title keeps SxxEyy and the language in every episode's name, each unique", () => {
  const names = new Set<string>();
  for (let episode = 1; episode <= 7; episode++) {
    const path = renderEpisodePath(DEFAULT_SETTINGS.namingTemplate, {
      ...SAMPLE_NAMING_VALUES,
      series: longTitle,
      title: "Ein ebenso langer Episodentitel ".repeat(12),
      episode,
    });
    const file = path.split("/").pop() ?? "";
    expect(bytes(file)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(file).toContain(`S01E0${episode}`);
    expect(file.endsWith("[German Dub]")).toBe(true);
    expect(file.startsWith("Ein sehr langer Titel")).toBe(true);
    names.add(path);
  }
  expect(names.size).toBe(7);
});

test("multi-byte titles are cut on character boundaries; the catalogue key gives way too", () => {
  const values: NamingValues = {
    ...SAMPLE_NAMING_VALUES,
    series: "葬送のフリーレン".repeat(40),
    catalogKey: `aniworld:${"x".repeat(400)}`,
    title: null,
  };
  const path = renderEpisodePath("{catalogkey} {series} S{season:00}E{episode:00} {language}", values);
  expect(bytes(path)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
  expect(path).toEndWith("S01E05 German Dub");
  expect(path).not.toContain("\uFFFD");
});

test("bidi controls and zero-width characters are stripped from file names", () => {
  const hostile = "Evil\u202Ekvm.exe\u200B Ti\u200Dtle\u2066x\u2069\uFEFF\u200E\u00AD";
  const clean = sanitizeSegment(hostile);
  expect(clean).toBe("Evilkvm.exe Titlex");
  const path = renderEpisodePath(DEFAULT_SETTINGS.namingTemplate, {
    ...SAMPLE_NAMING_VALUES,
    title: hostile,
  });
  expect(path).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/);
});
