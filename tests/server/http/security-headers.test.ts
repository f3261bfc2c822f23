import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test("every response carries the security headers: SPA, assets, API, errors", async () => {
  const responses = await Promise.all([
    fetch(`${server.url}/`),
    fetch(`${server.url}/login`),
    fetch(`${server.url}/assets/app.js`),
    fetch(`${server.url}/assets/missing.js`),
    fetch(`${server.url}/healthz`),
    fetch(`${server.url}/trpc/system.health`),
    fetch(`${server.url}/trpc/system.info`),
    fetch(`${server.url}/trpc/auth.login`, { method: "POST", headers: { origin: "https://evil.example" } }),
  ]);
  for (const res of responses) {
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  }
});
