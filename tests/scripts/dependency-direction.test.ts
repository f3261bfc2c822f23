/**
 * Keeps the dependency direction of design.md true: every import in the source folders is checked against
 * the rules below, so a violation fails the build instead of waiting for a reviewer.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dir, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f));
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), "utf8");
  const out: Import[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^"';]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|import\(\s*["'`]([^"'`]+)["'`]\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec) out.push({ file, spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** The repository-relative folder an import points at, or null for packages. */
function target(imp: Import): string | null {
  if (!imp.spec.startsWith(".")) return null;
  return relative(root, join(root, imp.file, "..", imp.spec));
}

/** Every source file a file reaches through relative imports (itself included). */
function closureOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of importsOf(file)) {
      const t = target(imp);
      if (t && /\.tsx?$/.test(t) && !imp.typeOnly) todo.push(t);
    }
  }
  return seen;
}

/** Packages the web app may bundle; a new one is a decision (size, maintenance), made by editing this list. */
const CLIENT_PACKAGES = [
  "solid-js",
  "solid-js/store",
  "solid-js/web",
  "@solidjs/router",
  "@tanstack/solid-query",
  "@tanstack/solid-virtual",
  "@trpc/client",
  "valibot",
];

const violations = (files: string[], allowed: (imp: Import) => boolean) =>
  files
    .flatMap(importsOf)
    .filter((imp) => !allowed(imp))
    .map((imp) => `${imp.file} imports ${imp.spec}`);

describe("dependency direction (design.md)", () => {
  test("shared/ imports nothing but valibot and itself (it runs in browser, server and workers)", () => {
    const bad = violations(sourceFiles("shared"), (imp) => {
      const t = target(imp);
      return t === null ? imp.spec === "valibot" : t.startsWith("shared");
    });
    expect(bad).toEqual([]);
  });

  test("db/ imports only shared/, itself and its libraries", () => {
    const bad = violations(sourceFiles("db"), (imp) => {
      const t = target(imp);
      return t === null ? /^(drizzle-orm|bun:sqlite|valibot|node:)/.test(imp.spec) : /^(db|shared)/.test(t);
    });
    expect(bad).toEqual([]);
  });

  test("client/ imports shared/, only the AppRouter type from the server, and only allowed packages", () => {
    const bad = violations(sourceFiles("client"), (imp) => {
      const t = target(imp);
      if (t === null)
        return CLIENT_PACKAGES.includes(imp.spec) || (imp.typeOnly && imp.spec === "@trpc/server");
      if (t.startsWith("client") || t.startsWith("shared")) return true;
      return imp.typeOnly && t === "server/routers/app-router.ts";
    });
    expect(bad).toEqual([]);
  });

  test("services, providers, workers and db never import tRPC or Hono", () => {
    const files = sourceFiles("server").filter(
      (f) =>
        !/^server\/(routers|trpc|http)\//.test(f) &&
        !/-(router|procedures)\.ts$/.test(f) &&
        !f.startsWith("server/composition"),
    );
    const bad = violations([...files, ...sourceFiles("db")], (imp) => !/^(@trpc\/|hono)/.test(imp.spec));
    expect(bad).toEqual([]);
  });

  test("nothing outside the server imports the server (except the client's AppRouter type)", () => {
    const bad = violations(
      [...sourceFiles("shared"), ...sourceFiles("db")],
      (imp) => !(target(imp) ?? "").startsWith("server"),
    );
    expect(bad).toEqual([]);
  });

  test("imports name a fixed path: no template-literal imports, which no rule here could check", () => {
    const bad = [
      ...sourceFiles("server"),
      ...sourceFiles("client"),
      ...sourceFiles("shared"),
      ...sourceFiles("db"),
    ].filter((f) => /import\(\s*`[^`]*\$\{/.test(readFileSync(join(root, f), "utf8")));
    expect(bad).toEqual([]);
  });

  test("workers never reach db/: they report results, the main thread persists them", () => {
    const workers = sourceFiles("server").filter((f) => f.endsWith(".worker.ts"));
    expect(workers.length).toBeGreaterThan(0);
    const bad = workers.flatMap((w) =>
      [...closureOf(w)].filter((f) => f.startsWith("db/")).map((f) => `${w} reaches ${f}`),
    );
    expect(bad).toEqual([]);
  });

  test("providers are called from services and workers, never from routers, HTTP, tRPC, events, settings or the CLI", () => {
    const callers = sourceFiles("server").filter(
      (f) =>
        /-(router|procedures)\.ts$/.test(f) || /^server\/(routers|http|trpc|events|settings|cli)\//.test(f),
    );
    const bad = violations(callers, (imp) => !(target(imp) ?? "").startsWith("server/providers"));
    expect(bad).toEqual([]);
  });
});
