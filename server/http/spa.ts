import { existsSync, statSync } from "node:fs";
import { join, normalize } from "node:path";

/** Where the built SPA comes from: files embedded in the executable, or vite's output folder on disk. */
export interface SpaSource {
  /** Returns the file for a URL path like "/assets/index-abc.js", or null. */
  file(path: string): Blob | null;
  readonly available: boolean;
}

/** Embedded files: URL path → path inside the executable (Bun's `with { type: "file" }` imports). */
export function embeddedSpa(files: Record<string, string>): SpaSource {
  return {
    available: "/index.html" in files,
    file(path) {
      const inner = files[path];
      return inner === undefined ? null : Bun.file(inner);
    },
  };
}

export function directorySpa(dir: string): SpaSource {
  const root = normalize(dir);
  return {
    available: existsSync(join(root, "index.html")),
    file(path) {
      const full = normalize(join(root, path));
      // normalize + prefix check keeps "/../" requests inside the folder.
      if (!full.startsWith(`${root}/`)) return null;
      try {
        return statSync(full).isFile() ? Bun.file(full) : null;
      } catch {
        return null;
      }
    },
  };
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Aniworld</title>
<p>The web app is not built. Run <code>bun run build:client</code> (or start with <code>npm start</code>).</p>`;

/**
 * Answers GET requests for the SPA: existing files as they are (hashed assets cached for a year), every
 * other path that looks like a client route gets index.html; missing asset files get 404.
 */
export function serveSpa(source: SpaSource, pathname: string): Response {
  if (!source.available)
    return new Response(NOT_BUILT, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
  const direct = pathname !== "/" ? source.file(pathname) : null;
  if (direct) {
    const immutable = pathname.startsWith("/assets/");
    return new Response(direct, {
      headers: {
        "content-type": direct.type || "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      },
    });
  }
  const last = pathname.split("/").pop() ?? "";
  if (pathname.startsWith("/assets/") || last.includes("."))
    return new Response("not found", { status: 404 });
  const index = source.file("/index.html");
  if (!index) return new Response("not found", { status: 404 });
  return new Response(index, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
  });
}

/**
 * The API's declaration file (scripts/build/api-declaration.ts), built beside the SPA: public, like the
 * SPA's own code. Served as text (Bun would call a .ts file an MPEG stream).
 */
export function serveApiDeclaration(source: SpaSource): Response {
  const file = source.file("/api/aniworld-api.d.ts");
  if (!file)
    return new Response("not built: run `bun run build`", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return new Response(file, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": 'inline; filename="aniworld-api.d.ts"',
      "cache-control": "no-cache",
    },
  });
}
