/**
 * Builds the single executable: vite builds the SPA into dist/client, the API's declaration file is written
 * to dist/aniworld-api.d.ts (and embedded, served at /api/aniworld-api.d.ts), then `Bun.build({ compile })`
 * bundles server/binary-main.ts with every SPA file embedded (through the virtual module "aniworld:embedded-spa"),
 * the migrations (imported as text by db/migrations/index.ts) and the worker entrypoints.
 * Usage: bun run build [--skip-client]
 */

import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { $ } from "bun";
import { apiDeclaration } from "./api-declaration.ts";
import { BYTECODE_ORDER_FILE } from "./bytecode-order-file.ts";
import { WORKER_ENTRYPOINTS } from "./worker-entrypoints.ts";

const root = join(import.meta.dir, "..", "..");
const clientDir = join(root, "dist", "client");
const outfile = join(root, "dist", "aniworld");

if (!process.argv.includes("--skip-client")) {
  await $`bun x vite build --logLevel warn`.cwd(root);
}

const declaration = apiDeclaration();
writeFileSync(join(root, "dist", "aniworld-api.d.ts"), declaration);
mkdirSync(join(clientDir, "api"), { recursive: true });
writeFileSync(join(clientDir, "api", "aniworld-api.d.ts"), declaration);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const files = listFiles(clientDir);
if (!files.some((f) => f.endsWith(`${sep}index.html`)))
  throw new Error("dist/client/index.html missing: the SPA build failed");
const imports = files.map((f, i) => `import f${i} from ${JSON.stringify(f)} with { type: "file" };`);
const entries = files.map(
  (f, i) => `  ${JSON.stringify(`/${relative(clientDir, f).split(sep).join("/")}`)}: f${i},`,
);
const spaModule = `${imports.join("\n")}\nexport const spaFiles = {\n${entries.join("\n")}\n};\n`;

const result = await Bun.build({
  entrypoints: [join(root, "server", "binary-main.ts"), ...WORKER_ENTRYPOINTS.map((w) => join(root, w))],
  // The bytecode a typical session uses is stored together (see record-bytecode-order.ts).
  compile: { outfile, bytecodeOrder: existsSync(BYTECODE_ORDER_FILE) && BYTECODE_ORDER_FILE },
  format: "esm",
  // One chunk per lazily imported part: a command loads (and its runtime links) only the chunks it
  // imports. Unsplit, every module's bytecode and every node: builtin any module names is loaded before
  // the first line runs, `--version` included.
  splitting: true,
  bytecode: true,
  minify: true,
  sourcemap: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [
    {
      name: "embedded-spa",
      setup(build) {
        build.onResolve({ filter: /^aniworld:embedded-spa$/ }, () => ({
          path: "embedded-spa",
          namespace: "aniworld",
        }));
        build.onLoad({ filter: /.*/, namespace: "aniworld" }, () => ({ contents: spaModule, loader: "ts" }));
      },
    },
  ],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
const size = statSync(outfile).size;
console.log(
  `built ${relative(root, outfile)} (${(size / 1024 / 1024).toFixed(1)} MiB, ${files.length} SPA files embedded)`,
);
