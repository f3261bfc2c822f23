import { describe, expect, test } from "bun:test";
import { assertAcceptablePassword, isCommonPassword } from "../../../server/auth/password-policy.ts";
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
