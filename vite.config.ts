import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

const apiTarget = process.env.ANIWORLD_DEV_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  root: "client",
  plugins: [solid()],
  build: { outDir: "../dist/client", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 800 },
  // `bun run dev:client` serves the SPA with hot reload and forwards the API to a running server.
  server: { proxy: { "/trpc": { target: apiTarget, ws: true }, "/healthz": apiTarget } },
  test: {
    root: ".",
    include: ["tests/client/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
  },
});
