// The file itself (a path; embedded in the executable), not the module: see commonPasswordList.
import compressedPasswordsFile from "@zxcvbn-ts/language-common/dist/passwords.json.mjs" with {
  type: "file",
};
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";

/**
 * Whether `word` is an entry of a prefix-compressed word list (zxcvbn-ts's dictionary format: per entry an
 * upper-case letter saying how many leading characters it shares with the entry before, A = 0, then the
 * rest of it; entries are lower case). The list is not decoded. An entry equal to `word` that shares `n`
 * characters with the one before is written as the letter for `n` and `word.slice(n)`, followed by the next
 * entry's letter: the runtime's own string search finds those spots for each `n`, and only they are checked
 * (do the entries before give `word`'s first `n` characters?). A character-by-character loop over the list
 * made the JIT compile it at its highest tier on every password check, which kept about 2 MB of compiler
 * code resident for the rest of the run.
 */
export function inPrefixCompressedList(encoded: string, word: string): boolean {
  const most = Math.min(word.length, 25);
  for (let shared = 0; shared <= most; shared++) {
    const letter = String.fromCharCode(65 + shared);
    if (shared === word.length) {
      // Nothing after the letter: the entry is the one before's first `shared` characters.
      const bare = new RegExp(`${letter}(?=[A-Z]|$)`, "g");
      for (let m = bare.exec(encoded); m !== null; m = bare.exec(encoded))
        if (prefixAgrees(encoded, m.index, word, shared)) return true;
      continue;
    }
    const written = letter + word.slice(shared);
    for (let at = encoded.indexOf(written); at !== -1; at = encoded.indexOf(written, at + 1)) {
      const after = at + written.length;
      if (after < encoded.length && !isUpperAscii(encoded.charCodeAt(after))) continue;
      if (prefixAgrees(encoded, at, word, shared)) return true;
    }
  }
  return false;
}

/** Whether the entry that starts at `start` begins with `word`'s first `length` characters. */
function prefixAgrees(encoded: string, start: number, word: string, length: number): boolean {
  let need = length;
  let next = start;
  while (need > 0) {
    let at = next - 1;
    while (at >= 0 && !isUpperAscii(encoded.charCodeAt(at))) at--;
    if (at < 0) return false;
    // This entry's characters from `shared` on are written here; the ones before come from earlier entries.
    const shared = encoded.charCodeAt(at) - 65;
    if (need > shared) {
      const rest = encoded.slice(at + 1, next);
      if (need - shared > rest.length || rest.slice(0, need - shared) !== word.slice(shared, need))
        return false;
      need = shared;
    }
    next = at;
  }
  return true;
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
