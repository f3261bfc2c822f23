import { expect, test } from "bun:test";
import { onlyBrackets } from "../../shared/release-group.ts";
import { isNoiseBracket, removeNoiseBrackets } from "../../shared/release-noise.ts";

/** The bracket helpers of the parser's front half, on the edge cases their loops must read as the patterns did. */

test("noise brackets become a space: innermost pairs, mixed pairs, and a second pass for brackets they held", () => {
  expect(removeNoiseBrackets("Title - 01 [1080p] [Group]")).toBe("Title - 01   [Group]");
  expect(removeNoiseBrackets("Title - 01 (1080p]")).toBe("Title - 01  ");
  expect(removeNoiseBrackets("Title [ [1080p] x")).toBe("Title [   x");
  expect(removeNoiseBrackets("Title - 01 (BD 1280x720 AAC [5.1+2.0])")).toBe("Title - 01  ");
  // A title bracket inside keeps the outer one: nothing changed in the first pass.
  expect(removeNoiseBrackets("Title - 01 ([Group] x264)")).toBe("Title - 01 ([Group] x264)");
  expect(removeNoiseBrackets("Title (2020) [1x01]")).toBe("Title (2020) [1x01]");
  expect(removeNoiseBrackets("Title ] 01 [")).toBe("Title ] 01 [");
  expect(removeNoiseBrackets("[]")).toBe(" ");
});

test("a bracket is noise by its words: one word, several, dotted sites and channel layouts", () => {
  for (const content of [
    "1080p",
    "F02B9CEE",
    "",
    " ",
    "WEB-DL",
    "x264-GRP",
    "BD 1080p",
    "5.1+2.0",
    "www.site.org",
  ])
    expect(isNoiseBracket(content)).toBe(true);
  for (const content of ["SubsPlease", "2020", "1x01", "Mobile Suit Gundam HD REMASTER", "Dr. Stone"])
    expect(isNoiseBracket(content)).toBe(false);
});

test("only brackets: a [ up to the next ], white space of any kind between", () => {
  expect(onlyBrackets("[Title][01] ")).toBe(true);
  expect(onlyBrackets("[a[b]\u3000[c]\t")).toBe(true);
  expect(onlyBrackets("[Title][01")).toBe(false);
  expect(onlyBrackets("[Title] 01")).toBe(false);
  expect(onlyBrackets("] [a]")).toBe(false);
  expect(onlyBrackets("[a]\u200b")).toBe(false); // a zero-width space is not white space
  expect(onlyBrackets("   ")).toBe(false);
  expect(onlyBrackets("")).toBe(false);
});
