import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";

let common: Promise<ReadonlySet<string>> | null = null;

/**
 * zxcvbn-ts's list of ~49,000 common passwords (breach corpora, lower case). Loaded on the first password
 * check, not at startup: it is a few hundred kilobytes to decompress that most runs never need.
 */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())),
  );
  return common;
}

/**
 * NIST-style rules: a length range, a deny list of common passwords and no password equal to the username;
 * no composition rules. Length is counted in code points so non-Latin passphrases are measured fairly.
 * Rejects with AppError(BAD_REQUEST).
 */
export async function assertAcceptablePassword(password: string, username: string): Promise<void> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    throw new AppError("BAD_REQUEST", `the password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    throw new AppError("BAD_REQUEST", `the password may have at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (lower.trim() === username.trim().toLowerCase())
    throw new AppError("BAD_REQUEST", "the password must not be the username");
  if (await isCommonPassword(lower))
    throw new AppError("BAD_REQUEST", "this password is one of the most common ones; choose another");
}

export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(password.toLowerCase());
}

/** argon2id with Bun's defaults (64 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash);
}
