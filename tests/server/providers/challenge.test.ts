import { expect, test } from "bun:test";
import { challengeInUnparsedPage, detectChallenge } from "../../../server/providers/net/challenge.ts";

const h = (init: Record<string, string> = {}) => new Headers(init);

test("challenge pages are recognised by their headers and markers", () => {
  expect(detectChallenge(403, h({ server: "ddos-guard" }), "")).toBe("ddos-guard");
  expect(detectChallenge(403, h(), "<html><script src='/.well-known/ddos-guard/js-challenge/x.js'>")).toBe(
    "ddos-guard",
  );
  expect(detectChallenge(503, h({ "cf-mitigated": "challenge" }), "<html>")).toBe("cloudflare");
  expect(
    detectChallenge(403, h(), "<title>Just a moment...</title><script>window._cf_chl_opt={}</script>"),
  ).toBe("cloudflare");
  expect(detectChallenge(403, h(), '<title>Just a moment...</title><div class="cf-turnstile"></div>')).toBe(
    "turnstile",
  );
  expect(detectChallenge(403, h(), "<p>__ddg1_ cookie missing</p>")).toBe("ddos-guard");
  // A 200 challenge page (some challenges answer 200) is still one.
  expect(detectChallenge(200, h(), "<html><head><title>DDoS-Guard</title></head></html>")).toBe("ddos-guard");
});

test("ordinary pages that merely mention the services are not challenges", () => {
  const normal =
    '<html><head><title>Frieren | AniWorld</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></head>' +
    '<body><form><div class="cf-turnstile" data-sitekey="x"></div></form><div class="series-title"><h1><span>Frieren</span></h1></div></body></html>';
  expect(detectChallenge(200, h({ server: "ddos-guard" }), normal)).toBeNull();
  expect(detectChallenge(404, h(), "<h1>not found</h1>")).toBeNull();
  expect(detectChallenge(403, h(), "<h1>Forbidden</h1>")).toBeNull();
  // …but when such a page did not parse, its markers explain why.
  expect(challengeInUnparsedPage(normal)).toBe("turnstile");
});
