import decompress from "@zxcvbn-ts/dictionary-compression/decompress";
// The file itself (a path; embedded in the executable), not the module: see commonPasswords.
import compressedPasswordsFile from "@zxcvbn-ts/language-common/dist/passwords.json.mjs" with {
  type: "file",
};
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";

/**
 * zxcvbn-ts's list of ~49,000 common passwords (breach corpora), read from its package file on each check
 * and dropped after it. Importing the package instead would keep the list, its other dictionaries and a
 * set built from them in the heap for the rest of the run (about 9 MB, measured with bun:jsc heapStats
 * after auth.setup) for a check made only when a password is set.
 */
async function commonPasswords(): Promise<string[]> {
  const source = await Bun.file(compressedPasswordsFile).text();
  // The file is `decompress("<the list, prefix-compressed>")`: one string literal without escapes.
  const literal = /decompress\("([^"\\]*)"\)/.exec(source)?.[1];
  if (literal === undefined) throw new Error(`no password list in ${compressedPasswordsFile}`);
  return decompress(literal);
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
  const lower = password.toLowerCase();
  return (await commonPasswords()).some((p) => p.toLowerCase() === lower);
}

/** argon2id with Bun's defaults (64 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash);
}
