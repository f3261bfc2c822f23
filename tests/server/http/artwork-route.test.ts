import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { series } from "../../../db/schema/index.ts";
import { ARTWORK_CACHE_CONTROL } from "../../../server/http/artwork-route.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
let creds: Credentials;
const ids: Record<string, number> = {};
const POSTER = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
const LOGO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const SECRET = "outside-the-library-root";

function addSeries(key: string, folder: string): number {
  return server.app.services.db.db
    .insert(series)
    .values({ catalogKey: `aniworld:${key}`, title: key, folder, createdAt: 0, updatedAt: 0 })
    .returning({ id: series.id })
    .get().id;
}

beforeAll(async () => {
  server = await startTestServer();
  creds = await signIn(server);
  const root = server.config.library;
  const outside = join(server.dir, "outside");
  mkdirSync(outside, { recursive: true });
  for (const name of ["poster.jpg", "fanart.jpg", "secret.jpg"]) writeFileSync(join(outside, name), SECRET);
  writeFileSync(join(server.dir, "poster.jpg"), SECRET);

  const show = join(root, "Frieren");
  mkdirSync(show, { recursive: true });
  writeFileSync(join(show, "poster.jpg"), POSTER);
  writeFileSync(join(show, "fanart.jpg"), POSTER);
  writeFileSync(join(show, "logo.png"), LOGO);
  writeFileSync(join(show, "season01-poster.jpg"), POSTER);
  writeFileSync(join(show, "season-specials-poster.jpg"), POSTER);
  // Present on disk but not artwork we serve.
  for (const name of ["tvshow.nfo", ".aniworld.json", "poster.png", "season1-poster.jpg", "poster.jpg.bak"])
    writeFileSync(join(show, name), SECRET);
  // A file symlink leaving the root, inside an ordinary series folder.
  symlinkSync(join(outside, "fanart.jpg"), join(root, "Frieren", "banner.jpg"));
  mkdirSync(join(root, "Linked File"));
  symlinkSync(join(outside, "poster.jpg"), join(root, "Linked File", "poster.jpg"));
  // A series folder that is itself a symlink leaving the root.
  symlinkSync(outside, join(root, "Escape"));
  // A folder symlink that stays inside the root is fine (the scan follows those too).
  symlinkSync(show, join(root, "Alias"));
  mkdirSync(join(root, "Empty"));

  ids.show = addSeries("frieren", "Frieren");
  ids.linkedFile = addSeries("linked-file", "Linked File");
  ids.escape = addSeries("escape", "Escape");
  ids.alias = addSeries("alias", "Alias");
  ids.empty = addSeries("empty", "Empty");
  // A corrupted row: the folder column points outside (never written by the app, refused all the same).
  ids.dotdot = addSeries("dotdot", "../outside");
  ids.absolute = addSeries("absolute", outside);
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { ...creds.cookieHeaders, ...headers } });

/** A request line sent as is (fetch would normalise `..` segments before they reach the server). */
function rawGet(path: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nCookie: ${creds.cookie}\r\nConnection: close\r\n\r\n`,
      );
    });
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

test("401 without a session or API key, and with a wrong key; a cookie or a key works", async () => {
  const path = `/artwork/series/${ids.show}/poster.jpg`;
  const anonymous = await fetch(`${server.url}${path}`);
  expect(anonymous.status).toBe(401);
  expect(await anonymous.text()).not.toContain("\xff");
  const wrongKey = await fetch(`${server.url}${path}`, {
    headers: { authorization: "Bearer aw_notarealkeynotarealkey", cookie: creds.cookie },
  });
  expect(wrongKey.status).toBe(401);
  const badCookie = await fetch(`${server.url}${path}`, {
    headers: { cookie: "aniworld_session=abcdefghijklmnopqrstuvwxyz234567" },
  });
  expect(badCookie.status).toBe(401);
  // Anonymous callers learn nothing about which series exist.
  expect((await fetch(`${server.url}/artwork/series/99999/poster.jpg`)).status).toBe(401);

  expect((await get(path)).status).toBe(200);
  expect((await fetch(`${server.url}${path}`, { headers: creds.apiKeyHeaders })).status).toBe(200);
});

test("serves each allow-listed file with its content type, validators and a private cache policy", async () => {
  const cases: [string, string, Uint8Array<ArrayBuffer>][] = [
    ["poster.jpg", "image/jpeg", POSTER],
    ["fanart.jpg", "image/jpeg", POSTER],
    ["logo.png", "image/png", LOGO],
    ["season01-poster.jpg", "image/jpeg", POSTER],
    ["season-specials-poster.jpg", "image/jpeg", POSTER],
  ];
  for (const [name, type, bytes] of cases) {
    const res = await get(`/artwork/series/${ids.show}/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("cache-control")).toBe(ARTWORK_CACHE_CONTROL);
    expect(res.headers.get("cache-control")).toStartWith("private");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(Number.isNaN(Date.parse(res.headers.get("last-modified") ?? ""))).toBe(false);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  }
});

test("304 for a matching If-None-Match or If-Modified-Since; a changed file gets a new ETag", async () => {
  const path = `/artwork/series/${ids.show}/season01-poster.jpg`;
  const first = await get(path);
  const etag = first.headers.get("etag")!;
  const lastModified = first.headers.get("last-modified")!;
  await first.arrayBuffer();

  const same = await get(path, { "if-none-match": etag });
  expect(same.status).toBe(304);
  expect(same.headers.get("etag")).toBe(etag);
  expect(same.headers.get("cache-control")).toBe(ARTWORK_CACHE_CONTROL);
  expect(await same.text()).toBe("");
  expect((await get(path, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
  expect((await get(path, { "if-modified-since": lastModified })).status).toBe(304);
  const other = await get(path, { "if-none-match": '"not-it"' });
  expect(other.status).toBe(200);
  await other.arrayBuffer();
  // If-None-Match wins over If-Modified-Since.
  const both = await get(path, { "if-none-match": '"not-it"', "if-modified-since": lastModified });
  expect(both.status).toBe(200);
  await both.arrayBuffer();

  const file = join(server.config.library, "Frieren", "season01-poster.jpg");
  writeFileSync(file, new Uint8Array([...POSTER, 0]));
  utimesSync(file, new Date(), new Date(Date.now() + 5_000));
  const changed = await get(path, { "if-none-match": etag });
  expect(changed.status).toBe(200);
  expect(changed.headers.get("etag")).not.toBe(etag);
  expect((await changed.arrayBuffer()).byteLength).toBe(POSTER.length + 1);
});

test("names outside the allow-list are 404 even when the file exists", async () => {
  for (const name of [
    "tvshow.nfo",
    ".aniworld.json",
    "poster.gif",
    "POSTER.JPG",
    "season1-poster.jpg",
    "poster.jpg.bak",
    "banner.jpg",
    "poster.jpg%00",
    "poster.jpg%20",
    "%2e%2e",
  ]) {
    const res = await get(`/artwork/series/${ids.show}/${name}`);
    expect({ name, status: res.status }).toEqual({ name, status: 404 });
    expect(await res.text()).not.toContain(SECRET);
  }
  for (const path of [
    `/artwork/series/${ids.show}`,
    `/artwork/series/${ids.show}/Season%201/poster.jpg`,
    "/artwork/series/0/poster.jpg",
    "/artwork/series/abc/poster.jpg",
    "/artwork/series/1e3/poster.jpg",
    "/artwork/series/-1/poster.jpg",
    "/artwork/series/99999/poster.jpg",
    `/artwork/series/${ids.empty}/poster.jpg`,
    "/artwork/other",
  ])
    expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
});

test("traversal attempts never leave the series folder", async () => {
  const paths = [
    `/artwork/series/${ids.show}/..%2f..%2fposter.jpg`,
    `/artwork/series/${ids.show}/..%2F..%2F..%2Foutside%2Fsecret.jpg`,
    `/artwork/series/${ids.show}/%2e%2e%2f%2e%2e%2fposter.jpg`,
    `/artwork/series/${ids.show}/..%5c..%5cposter.jpg`,
    `/artwork/series/${ids.show}/....%2f%2fposter.jpg`,
    `/artwork/series/${ids.show}/%252e%252e%252fposter.jpg`,
    `/artwork/series/${ids.show}/../../../poster.jpg`,
    `/artwork/series/${ids.show}/../../outside/secret.jpg`,
    `/artwork/series/..%2f..%2f/poster.jpg`,
  ];
  for (const path of paths) {
    const answer = await rawGet(path);
    expect(answer).not.toContain(SECRET);
    expect({ path, line: answer.split("\r\n")[0] }).toEqual({ path, line: "HTTP/1.1 404 Not Found" });
  }
});

test("symlinks: a series folder or a file leaving the root is refused; a link inside the root is served", async () => {
  for (const id of [ids.escape, ids.linkedFile]) {
    for (const name of ["poster.jpg", "fanart.jpg"]) {
      const res = await get(`/artwork/series/${id}/${name}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    }
  }
  for (const id of [ids.dotdot, ids.absolute])
    expect((await get(`/artwork/series/${id}/poster.jpg`)).status).toBe(404);
  const alias = await get(`/artwork/series/${ids.alias}/poster.jpg`);
  expect(alias.status).toBe(200);
  expect(new Uint8Array(await alias.arrayBuffer())).toEqual(POSTER);
});
