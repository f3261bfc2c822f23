// The file itself (a path; embedded in the executable), not the module: see commonPasswordList.
import compressedPasswordsFile from "@zxcvbn-ts/language-common/dist/passwords.json.mjs" with {
  type: "file",
};
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";

/**
 * Whether `word` is an entry of a prefix-compressed word list (zxcvbn-ts's dictionary format: per entry an
 * upper-case letter saying how many leading characters it shares with the entry before, A = 0, then the
 * rest of it; entries are lower case). The list is not decoded: the scan keeps only how many leading
 * characters the entry before agreed with `word`.
 */
export function inPrefixCompressedList(encoded: string, word: string): boolean {
  let agreed = 0;
  let i = 0;
  while (i < encoded.length) {
    const shared = encoded.charCodeAt(i) - 65;
    let end = i + 1;
    while (end < encoded.length && !isUpperAscii(encoded.charCodeAt(end))) end++;
    // With shared > agreed the entry keeps the character where the one before parted from `word`.
    if (shared <= agreed) {
      let j = i + 1;
      let k = shared;
      while (j < end && k < word.length && encoded.charCodeAt(j) === word.charCodeAt(k)) {
        j++;
        k++;
      }
      if (j === end && k === word.length) return true;
      agreed = k;
    }
    i = end;
  }
  return false;
}

const isUpperAscii = (code: number) => code >= 65 && code <= 90;

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

/**
 * zxcvbn-ts's ~49,000 common passwords (breach corpora) in their compressed form, read from the package file
 * on each check. Importing the package would keep the list and a set built from it in the heap for the rest
 * of the run (about 9 MB); decoding it per check made about 11 MB of garbage (the process's anonymous
 * memory during one check, measured), still resident when the server went idle after auth.setup.
 */
export async function commonPasswordList(): Promise<string> {
  const source = await Bun.file(compressedPasswordsFile).text();
  // The file is `decompress("<the list>")`: one string literal without escapes.
  const literal = /decompress\("([^"\\]*)"\)/.exec(source)?.[1];
  if (literal === undefined) throw new Error(`no password list in ${compressedPasswordsFile}`);
  return literal;
}

export async function isCommonPassword(password: string): Promise<boolean> {
  return inPrefixCompressedList(await commonPasswordList(), password.toLowerCase());
}

/** argon2id with Bun's defaults (64 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash);
}
