import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { appRouter } from "../../../server/routers/app-router.ts";
import type { Context } from "../../../server/trpc/context.ts";
import { createCallerFactory } from "../../../server/trpc/trpc.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let catalogue: ReturnType<typeof startCatalogueServer>;
let server: TestServer;
const createCaller = createCallerFactory(appRouter);

beforeAll(async () => {
  catalogue = startCatalogueServer({ requireBrowserHeaders: true });
  server = await startTestServer({ ANIWORLD_CATALOG_URL: catalogue.url });
});
afterAll(async () => {
  await server.close();
  await catalogue.stop();
});

const context = (signedIn: boolean): Context => ({
  services: server.app.services,
  request: {
    transport: "http",
    headers: new Headers(),
    ip: "127.0.0.1",
    url: new URL(`${server.url}/trpc/catalog.search`),
    connectionParams: null,
    resHeaders: new Headers(),
  },
  principal: signedIn ? { userId: 1, username: "admin", via: "session" } : null,
});

test("catalog.search returns plain-text items with catalogue keys from the configured catalogue", async () => {
  const items = await createCaller(context(true)).catalog.search({ query: "  Blaue " });
  expect(items.length).toBeGreaterThan(1);
  for (const item of items) {
    expect(item.catalogKey).toBe(`aniworld:${item.slug}`);
    expect(item.title).toContain("Blaue");
    expect(item.coverUrl?.startsWith(catalogue.url)).toBe(true);
  }
  expect(catalogue.count("/ajax/seriesSearch")).toBeGreaterThan(0);
});

test("catalog.search needs a signed-in caller and a non-empty query", async () => {
  await expect(createCaller(context(false)).catalog.search({ query: "x" })).rejects.toMatchObject({
    code: "UNAUTHORIZED",
  });
  await expect(createCaller(context(true)).catalog.search({ query: "   " })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
});

test("a failing catalogue becomes a clean error message, never a stack trace", async () => {
  catalogue.inject("/ajax/seriesSearch", { kind: "status", status: 500 });
  const error = (await createCaller(context(true))
    .catalog.search({ query: "Blaue" })
    .catch((e: unknown) => e)) as {
    code: string;
    message: string;
  };
  expect(error.code).toBe("INTERNAL_SERVER_ERROR");
  expect(error.message).toContain("catalogue search failed");
  expect(error.message).not.toContain(" at ");
});
