import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";
import commonPasswordsText from "./data/common-passwords.txt" with { type: "text" };

/**
 * The 10,000 most common passwords, lower case (lines starting with "#" are the file's provenance note).
 * Built on first use: splitting the list costs a few milliseconds, which the server's start does not need.
 */
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    commonPasswordsText
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith("#")),
  );
  return common;
}

/**
 * NIST-style rules: a length range and a deny list of common passwords, no composition rules. Length is
 * counted in code points so non-Latin passphrases are measured fairly. Throws AppError(BAD_REQUEST).
 */
export function assertAcceptablePassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    throw new AppError("BAD_REQUEST", `the password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    throw new AppError("BAD_REQUEST", `the password may have at most ${PASSWORD_MAX_LENGTH} characters`);
  if (commonPasswords().has(password.toLowerCase()))
    throw new AppError("BAD_REQUEST", "this password is one of the most common ones; choose another");
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** argon2id with Bun's defaults (64 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash);
}
