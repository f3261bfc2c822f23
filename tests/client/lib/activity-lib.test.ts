import { describe, expect, test } from "vitest";
import {
  addDays,
  daysBetween,
  shiftAnchor,
  viewRange,
  weekStart,
} from "../../../client/src/lib/calendar-range.ts";
import { languageText, sourceLine } from "../../../client/src/lib/download-text.ts";
import { filterLogLines, parseLogLine } from "../../../client/src/lib/log-lines.ts";
import { applyMove, dropTarget, stepTarget, waitingIds } from "../../../client/src/lib/queue-order.ts";
import { checkPatch, describeErrors } from "../../../client/src/pages/settings/settings-validation.ts";

const queue = [
  { id: 1, state: "downloading", position: 1 },
  { id: 2, state: "queued", position: 2 },
  { id: 3, state: "paused", position: 3 },
  { id: 4, state: "queued", position: 4 },
];

describe("queue order", () => {
  test("positions count waiting items only, as the server does", () => {
    expect(waitingIds(queue)).toEqual([2, 3, 4]);
    expect(stepTarget(queue, 4, -1)).toBe(1);
    expect(stepTarget(queue, 2, -1)).toBeNull();
    expect(stepTarget(queue, 1, 1)).toBeNull();
    expect(dropTarget(queue, 4, 2)).toBe(0);
    expect(applyMove(queue, 4, 1).map((i) => i.id)).toEqual([1, 2, 4, 3]);
  });
});

describe("download text", () => {
  test("labels languages and never leaves a separator dangling", () => {
    const base = { language: null, hoster: null, attemptLog: [] };
    expect(sourceLine(base)).toBe("");
    expect(sourceLine({ ...base, language: "de-sub" })).toBe("German Sub");
    const tries = [{ hoster: "VOE", language: "de", error: "x", at: 0 }];
    expect(sourceLine({ ...base, attemptLog: tries })).toBe("1 failed try");
    expect(sourceLine({ language: "de", hoster: "VOE", attemptLog: [...tries, ...tries] })).toBe(
      "German Dub · VOE · 2 failed tries",
    );
    // The log also records the try that delivered: it is not a failed one.
    const delivered = { hoster: "Vidoza", language: "de", error: "", at: 1, ok: true };
    expect(sourceLine({ language: "de", hoster: "Vidoza", attemptLog: [...tries, delivered] })).toBe(
      "German Dub · Vidoza · 1 failed try",
    );
    expect(languageText(["de", "en-sub", "xx"])).toBe("German Dub, English Sub, xx");
  });
});

describe("log lines", () => {
  test("records become readable rows; numbers stay whole; level filter keeps that level and above", () => {
    const lines = [
      JSON.stringify({
        time: "2026-11-26T10:00:00.000Z",
        level: "info",
        msg: "request",
        status: 200,
        ms: 10,
      }),
      JSON.stringify({ time: "2026-11-26T10:00:01.000Z", level: "warn", msg: "slow", count: 10 }),
      "not json",
    ].map(parseLogLine);
    expect(lines[0]?.fields).toBe("status=200 ms=10");
    expect(lines[1]?.fields).toBe("count=10");
    expect(lines[2]).toMatchObject({ level: "info", message: "not json" });
    expect(filterLogLines(lines, "warn").map((l) => l.message)).toEqual(["slow"]);
    expect(filterLogLines(lines, "debug").map((l) => l.message)).toEqual(["not json", "slow", "request"]);
  });
});

describe("calendar range", () => {
  test("weeks start on Monday; a month view covers whole weeks; shifting moves by the view", () => {
    expect(weekStart("2026-11-26")).toBe("2026-11-23");
    expect(viewRange("week", "2026-11-26")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(viewRange("month", "2026-11-26")).toEqual({ from: "2026-10-26", to: "2026-12-06" });
    expect(daysBetween("2026-12-30", "2027-01-02")).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
    expect(shiftAnchor("month", "2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });
});

describe("settings checks", () => {
  test("problems are named in plain words per field", () => {
    const errors = checkPatch({
      hosterOrder: ["VOE", "voe"],
      namingTemplate: "{nope}",
      downloadConcurrency: 0,
    });
    const lines = describeErrors(errors);
    expect(lines).toContain("Hoster order: each hoster may appear only once");
    expect(lines.some((l) => l.startsWith("Episode file name template: unknown placeholder {nope}"))).toBe(
      true,
    );
    expect(lines).toContain("Downloads at the same time: enter at least 1");
    expect(lines.join(" ")).not.toMatch(/shared\/|Invalid|Expected/);
    expect(checkPatch({ downloadConcurrency: 3 })).toEqual({});
  });
});
