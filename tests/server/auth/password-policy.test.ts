import { describe, expect, test } from "bun:test";
import commonPasswords from "../../../server/auth/data/common-passwords.txt" with { type: "text" };
import { assertAcceptablePassword, isCommonPassword } from "../../../server/auth/password-policy.ts";
import { isAppError } from "../../../shared/errors.ts";

function refusal(password: string): string | null {
  try {
    assertAcceptablePassword(password);
    return null;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.code).toBe("BAD_REQUEST");
    return error.message;
  }
}

describe("password policy", () => {
  test("the shipped list has the 10,000 most common passwords", () => {
    const entries = commonPasswords.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(new Set(entries).size).toBe(10_000);
    for (const p of ["password", "123456", "qwerty", "dragon", "iloveyou"])
      expect(isCommonPassword(p)).toBe(true);
  });

  test("common passwords are refused whatever their case", () => {
    for (const p of ["password", "PASSWORD", "Baseball", "12345678", "trustno1", "superman"])
      expect(refusal(p)).toContain("common");
  });

  test("8 to 256 characters, counted as characters (not bytes); no composition rules", () => {
    expect(refusal("seven77")).toContain("at least 8");
    expect(refusal("x".repeat(257))).toContain("at most 256");
    expect(refusal("x".repeat(256))).toBeNull();
    expect(refusal("all lowercase words here")).toBeNull();
    expect(refusal("ねこがすきですよね")).toBeNull();
    expect(refusal("🐱🐱🐱🐱🐱🐱🐱")).toContain("at least 8");
  });
});
