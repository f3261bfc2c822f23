import { describe, expect, test } from "vitest";
import {
  etaSeconds,
  formatBytes,
  formatDuration,
  formatYears,
  fraction,
} from "../../../client/src/lib/format.ts";

describe("format", () => {
  test("bytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(734_003_200)).toBe("700 MiB");
    expect(formatBytes(null)).toBe("–");
    expect(formatBytes(-1)).toBe("–");
  });
  test("durations and ETA", () => {
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(7260)).toBe("2 h 1 min");
    expect(etaSeconds(50, 150, 10)).toBe(10);
    expect(etaSeconds(50, null, 10)).toBeNull();
    expect(etaSeconds(50, 150, 0)).toBeNull();
  });
  test("years and fractions", () => {
    expect(formatYears(2020, 2022)).toBe("2020–2022");
    expect(formatYears(2020, null)).toBe("2020–");
    expect(formatYears(2020, 2020)).toBe("2020");
    expect(formatYears(null, null)).toBe("");
    expect(fraction(5, 10)).toBe(0.5);
    expect(fraction(50, 10)).toBe(1);
    expect(fraction(5, 0)).toBeNull();
  });
});
