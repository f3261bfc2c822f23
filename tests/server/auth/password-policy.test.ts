import { describe, expect, test } from "bun:test";
import {
  assertAcceptablePassword,
  commonPasswordList,
  inPrefixCompressedList,
  isCommonPassword,
} from "../../../server/auth/password-policy.ts";
import { isAppError } from "../../../shared/errors.ts";

async function refusal(password: string, username = "admin"): Promise<string | null> {
  try {
    await assertAcceptablePassword(password, username);
    return null;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.code).toBe("BAD_REQUEST");
    return error.message;
  }
}

describe("password policy", () => {
  test("the deny list is the large breach-derived one, not only a top 10,000", async () => {
    for (const p of ["password", "123456", "qwerty", "dragon", "iloveyou"])
      expect(await isCommonPassword(p)).toBe(true);
    // Past the top 10,000: these were accepted with the short list.
    for (const p of ["password123", "admin123", "administrator"])
      expect(await refusal(p)).toContain("common");
  });

  test("common passwords are refused whatever their case", async () => {
    for (const p of ["password", "PASSWORD", "Baseball", "12345678", "trustno1", "superman"])
      expect(await refusal(p)).toContain("common");
  });

  test("the username is refused as the password, whatever its case", async () => {
    expect(await refusal("Kuroneko-Admin", "kuroneko-admin")).toContain("username");
    expect(await refusal("kuroneko-admin", " Kuroneko-Admin ")).toContain("username");
    expect(await refusal("kuroneko-admin2", "kuroneko-admin")).toBeNull();
  });

  test("8 to 256 characters, counted as characters (not bytes); no composition rules", async () => {
    expect(await refusal("seven77")).toContain("at least 8");
    expect(await refusal("x".repeat(257))).toContain("at most 256");
    expect(await refusal("x".repeat(256))).toBeNull();
    expect(await refusal("all lowercase words here")).toBeNull();
    expect(await refusal("ねこがすきですよね")).toBeNull();
    expect(await refusal("🐱🐱🐱🐱🐱🐱🐱")).toContain("at least 8");
  });
});

describe("the common-password list searched without decoding it", () => {
  /** The format's plain decoder (what zxcvbn-ts's decompress does): every entry as a string. */
  function decode(encoded: string): string[] {
    const parts = encoded.split(/([A-Z])/g);
    const entries: string[] = [];
    let last = "";
    for (let i = 1; i < parts.length; i += 2) {
      last = last.slice(0, (parts[i] ?? "A").charCodeAt(0) - 65) + (parts[i + 1] ?? "");
      entries.push(last);
    }
    return entries;
  }

  test("agrees with the decoded list on every entry and on near misses", async () => {
    const literal = await commonPasswordList();
    const entries = decode(literal);
    expect(entries.length).toBeGreaterThan(40_000);
    const members = new Set(entries);
    // Every 20th entry, and the last one.
    for (const entry of [...entries.filter((_, i) => i % 20 === 0), entries.at(-1) ?? ""])
      expect(inPrefixCompressedList(literal, entry)).toBe(true);
    // Prefixes, extensions and one-character changes of entries: found exactly when they are entries too.
    const probes = entries
      .filter((_, i) => i % 97 === 0)
      .flatMap((e) => [e.slice(0, -1), `${e}x`, `${e}1`, `x${e}`, `${e.slice(0, -1)}#`, ""]);
    let missed = 0;
    for (const probe of probes) {
      expect(inPrefixCompressedList(literal, probe)).toBe(members.has(probe));
      if (!members.has(probe)) missed++;
    }
    expect(missed).toBeGreaterThan(2_000);
  });

  test("small lists: shared prefixes longer and shorter than the match so far", () => {
    // abc, abd, ab, b, bcd
    const list = "AabcCdCAbBcd";
    expect(decode(list)).toEqual(["abc", "abd", "ab", "b", "bcd"]);
    for (const word of ["abc", "abd", "ab", "b", "bcd"])
      expect(inPrefixCompressedList(list, word)).toBe(true);
    for (const word of ["a", "abe", "abcd", "bc", "c", ""])
      expect(inPrefixCompressedList(list, word)).toBe(false);
  });
});
