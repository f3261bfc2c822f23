import { afterAll, beforeAll, expect, test } from "bun:test";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import { ADMIN, callerFor } from "../../helpers/callers.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let catalogue: ReturnType<typeof startCatalogueServer>;
let server: TestServer;

beforeAll(async () => {
  catalogue = startCatalogueServer({ requireBrowserHeaders: true });
  server = await startTestServer({ ANIWORLD_CATALOG_URL: catalogue.url });
});
afterAll(async () => {
  await server.close();
  await catalogue.stop();
});

const caller = (signedIn: boolean) => callerFor(server.app.services, signedIn ? ADMIN : null, "http");

test("catalog.search returns plain-text items with catalogue keys from the configured catalogue", async () => {
  const items = await caller(true).catalog.search({ query: "  Blaue " });
  expect(items.length).toBeGreaterThan(1);
  for (const item of items) {
    expect(item.catalogKey).toBe(`aniworld:${item.slug}`);
    expect(item.title).toContain("Blaue");
    expect(item.coverUrl?.startsWith(catalogue.url)).toBe(true);
  }
  expect(catalogue.count("/ajax/seriesSearch")).toBeGreaterThan(0);
});

test("catalog.search needs a signed-in caller and a non-empty query", async () => {
  await expect(caller(false).catalog.search({ query: "x" })).rejects.toMatchObject({
    code: "UNAUTHORIZED",
  });
  await expect(caller(true).catalog.search({ query: "   " })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
});

test("a failing catalogue becomes a clean error message, never a stack trace", async () => {
  catalogue.inject("/ajax/seriesSearch", { kind: "status", status: 500 });
  const error = (await caller(true)
    .catalog.search({ query: "Blaue" })
    .catch((e: unknown) => e)) as {
    code: string;
    message: string;
  };
  expect(error.code).toBe("INTERNAL_SERVER_ERROR");
  expect(error.message).toContain("catalogue search failed");
  expect(error.message).not.toContain(" at ");
});
