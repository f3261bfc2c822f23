import { afterAll, beforeAll, expect, test } from "bun:test";
import { catalogCoverUrl } from "../../../shared/artwork.ts";
import { type Credentials, signIn } from "../../helpers/sign-in.ts";
import { standInEnv, startStandIns } from "../../helpers/stand-ins.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let standIns: ReturnType<typeof startStandIns>;
let server: TestServer;
let creds: Credentials;
beforeAll(async () => {
  standIns = startStandIns();
  server = await startTestServer(standInEnv(standIns));
  creds = await signIn(server);
});
afterAll(async () => {
  await server.close();
  await standIns.stop();
});

test("a catalogue search cover is served from our own origin, so the CSP can allow only 'self' images", async () => {
  const sample = standIns.catalogue.series[0];
  if (!sample) throw new Error("the stand-in catalogue is empty");
  const results = await fetch(
    `${server.url}/trpc/catalog.search?input=${encodeURIComponent(JSON.stringify({ query: sample.titleDe }))}`,
    { headers: creds.cookieHeaders },
  );
  const body = (await results.json()) as { result: { data: { coverUrl: string | null }[] } };
  const cover = body.result.data.find((item) => item.coverUrl)?.coverUrl ?? null;
  const local = catalogCoverUrl(cover);
  expect(local).toStartWith("/artwork/catalog-cover?path=%2Fpublic%2Fimg%2Fcover%2F");
  const res = await fetch(`${server.url}${local}`, { headers: creds.cookieHeaders });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/jpeg");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  expect(res.headers.get("content-security-policy")).toContain("img-src 'self' data:");
});

test("the relay needs credentials and never leaves the catalogue origin", async () => {
  const path = encodeURIComponent("/public/img/cover/x.jpg");
  expect((await fetch(`${server.url}/artwork/catalog-cover?path=${path}`)).status).toBe(401);
  for (const hostile of [
    "//evil.example/x.jpg",
    "http://127.0.0.1:1/x.jpg",
    "x.jpg",
    "/\\evil.example/x.jpg",
  ]) {
    const res = await fetch(`${server.url}/artwork/catalog-cover?path=${encodeURIComponent(hostile)}`, {
      headers: creds.cookieHeaders,
    });
    expect([404, 502]).toContain(res.status);
  }
  const missing = await fetch(
    `${server.url}/artwork/catalog-cover?path=${encodeURIComponent("/nothing.jpg")}`,
    {
      headers: creds.cookieHeaders,
    },
  );
  expect(missing.status).toBe(502);
});
