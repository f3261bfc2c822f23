import { expect, test } from "bun:test";
import {
  MAX_FOLDER_NAME_BYTES,
  safeFolderName,
  titleFromSlug,
  uniqueFolderName,
} from "../../shared/folder-name.ts";

const bytes = (s: string) => new TextEncoder().encode(s).length;

test("slug → title", () => {
  expect(titleFromSlug("one-piece")).toBe("One Piece");
  expect(titleFromSlug("86-eighty-six")).toBe("86 Eighty Six");
});

test.each([
  ["../../etc", "etc"],
  ["a/b\\c", "a b c"],
  ['What? <Now>: "yes" | no*', "What Now yes no"],
  ["name. . .", "name"],
  ["  spaced  ", "spaced"],
  ["..", "Series"],
  [".", "Series"],
  ["", "Series"],
  ["tab\there\u0000nul\u001f", "tab here nul"],
  ["CON", "CON (series)"],
  ["nul.txt", "nul.txt (series)"],
])("hostile title %p becomes a safe name", (title, expected) => {
  const name = safeFolderName(title);
  expect(name).toBe(expected);
  expect(name).not.toMatch(/[<>:"/\\|?*]/);
  expect([...name].some((ch) => ch.charCodeAt(0) < 32)).toBe(false);
  expect(name).not.toContain("..");
  expect(name).not.toMatch(/[. ]$/);
});

test("long names are cut in UTF-8 bytes, never inside a character", () => {
  const name = safeFolderName("進撃の巨人".repeat(40));
  expect(bytes(name)).toBeLessThanOrEqual(MAX_FOLDER_NAME_BYTES);
  expect(name).toBe("進撃の巨人".repeat(8));
});

test("taken names get (2), (3)… and stay within the length limit", () => {
  const taken = new Set(["One Piece", "One Piece (2)"]);
  expect(uniqueFolderName("One Piece", (n) => taken.has(n))).toBe("One Piece (3)");
  const long = "x".repeat(300);
  const first = safeFolderName(long);
  const second = uniqueFolderName(long, (n) => n === first);
  expect(second.endsWith(" (2)")).toBe(true);
  expect(bytes(second)).toBeLessThanOrEqual(MAX_FOLDER_NAME_BYTES);
});
