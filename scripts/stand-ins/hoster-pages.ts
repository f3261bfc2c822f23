/**
 * Embed pages shaped like the hosters' real ones (facts/aniworld.md "Hoster → media URL"): what the
 * extractors parse. Only the parts extractors read are faithful; the rest is filler.
 */

const JUNK_MARKERS = ["@$", "^^", "~@", "%?", "*~", "!!", "#&"];

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** VOE's obfuscation, forwards: JSON → base64 → reversed → shift +3 → base64 → junk markers → ROT13. */
export function voeEncode(payload: object): string {
  const b1 = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(payload))));
  const shifted = [...b1]
    .reverse()
    .map((c) => String.fromCharCode(c.charCodeAt(0) + 3))
    .join("");
  const b2 = btoa(shifted);
  let withJunk = "";
  for (let i = 0; i < b2.length; i++) {
    withJunk += b2[i];
    if (i % 7 === 3) withJunk += JUNK_MARKERS[i % JUNK_MARKERS.length];
  }
  return rot13(withJunk);
}

const shell = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

export function voePage(m3u8: string): string {
  const blob = voeEncode({ source: m3u8, title: "video.mp4", fallback: [] });
  return shell(
    "VOE | Content Delivery Network (CDN) & Video Cloud",
    `<div id="voe-player"></div><script type="application/json">["${blob}"]</script>` +
      `<script src="/js/loader.js"></script>`,
  );
}

export function vidozaPage(mp4: string): string {
  return shell(
    "Vidoza",
    `<video id="player" class="video-js" controls><source src="${mp4}" type="video/mp4" res="720" label="SD"></video>` +
      `<script>var player = videojs('player'); player.src({ sourcesCode: [{ src: "${mp4}", type: "video/mp4", label: "SD", res: "720"}] });</script>`,
  );
}

export function vidmolyPage(m3u8: string): string {
  return shell(
    "Vidmoly",
    `<div id="vplayer"></div><script>var player = jwplayer("vplayer"); player.setup({ sources: [{file:"${m3u8}"}], image: "/thumb.jpg", width: "100%" });</script>`,
  );
}

export function doodstreamPage(passPath: string, token: string): string {
  return shell(
    "DoodStream",
    `<video id="video_player"></video><script>$.get('${passPath}', function(data){ dsplayer.src({ src: data + makePlay(), type: "video/mp4" }); });` +
      `function makePlay(){for(var a="",t="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",n=t.length,o=0;10>o;o++)a+=t.charAt(Math.floor(Math.random()*n));return a+"?token=${token}&expiry="+Date.now();}</script>`,
  );
}

export function genericPage(hoster: string): string {
  return shell(hoster, `<div id="player">${hoster} player</div><script>var cfg = {};</script>`);
}

export function captchaPage(): string {
  return shell(
    "Just a moment...",
    `<form id="challenge-form"><div class="cf-turnstile" data-sitekey="0x4AAAAAAA"></div><div class="g-recaptcha"></div></form>`,
  );
}

export function garbagePage(): string {
  return shell("Welcome", `<p>Nothing to see here.</p><script>var x = "sources: none";</script>`);
}

/** VOE's first answer: a "Redirecting..." stub whose first assignment is a variable, the fallback quoted. */
export function voeStubPage(target: string): string {
  return shell(
    "Redirecting...",
    `<script>var currentUrl = window.location.href; if (currentUrl.indexOf('?') < 0) { window.location.href = currentUrl; }` +
      ` window.location.href = '${target}';</script><noscript><meta http-equiv="refresh" content="0;url=${target}"></noscript>`,
  );
}

/** VOE's payload in its three shapes: a JSON array (current), a bare JSON string, the older 'hls' base64. */
export function voePayloadPage(m3u8: string, form: "array" | "bare" | "legacy"): string {
  if (form === "legacy")
    return shell("VOE", `<script>var sources = { 'hls': '${btoa(m3u8)}', 'video_height': 720 };</script>`);
  const blob = voeEncode({ source: m3u8, direct_access_url: `${m3u8}.mp4`, title: "video.mp4" });
  const json = form === "array" ? `["${blob}"]` : `"${blob}"`;
  return shell("VOE", `<div id="voe-player"></div><script type="application/json">${json}</script>`);
}

/** VOE's payload when the video has no HLS rendition: only `direct_access_url`, an MP4. */
export function voeFilePage(mp4: string): string {
  const blob = voeEncode({ direct_access_url: mp4, title: "video.mp4" });
  return shell("VOE", `<div id="voe-player"></div><script type="application/json">["${blob}"]</script>`);
}

/** Filemoon's embed page today: a script shell; the sources come from /api/videos/<code>. */
export function filemoonShellPage(): string {
  return shell(
    "Filemoon",
    `<div id="app"></div><script type="module" src="/assets/byse-player.js"></script>`,
  );
}

/** Filemoon's older page: the player setup packed. */
export function filemoonPackedPage(m3u8: string, packed: string): string {
  return shell(
    "Filemoon",
    `<div id="player"></div><script type="text/javascript">${packed}</script><!-- ${m3u8.length} -->`,
  );
}

/** LoadX's FirePlayer page (the sources come from POST /player/index.php?do=getVideo). */
export function loadxPage(hash: string): string {
  return shell(
    "LoadX",
    `<div id="player"></div><script>var FirePlayer = function(){}; FirePlayer("${hash}", {"videoUrl":"\\/player\\/index.php?data=${hash}&do=getVideo"}, false);</script>`,
  );
}

/** Luluvdo: an XFileSharing page, plain or with the setup packed. */
export function luluvdoPage(m3u8: string, packed: ((text: string) => string) | null): string {
  const setup = `jwplayer("vplayer").setup({sources:[{file:"${m3u8}"}],image:"/thumb.jpg",width:"100%"});`;
  return shell("Luluvdo", `<div id="vplayer"></div><script>${packed ? packed(setup) : setup}</script>`);
}

/** Vidmoly's first answer: "Please wait", then a reload with `?g=<32 hex>`. */
export function vidmolyWaitPage(gate: string): string {
  return shell(
    "Please wait",
    `<p>Please wait…</p><script>setTimeout(function(){ var u = new URL(location.href); u.searchParams.set("g", "${gate}"); location.href = u.href; }, 1000);</script>`,
  );
}

/** Doodstream's /d/<id> page: the player is in an iframe at /e/<id>. */
export function doodstreamFramePage(embedPath: string): string {
  return shell(
    "DoodStream",
    `<h1>video.mp4</h1><iframe src="${embedPath}" scrolling="no" frameborder="0" allowfullscreen></iframe>`,
  );
}

/** Vidmoly's Turnstile check: its script sets `cf_turnstile_demo_pass_<id>=1` (named at run time) and reloads. */
export function vidmolyTurnstilePage(): string {
  return shell(
    "Please wait",
    `<h3>Security Check</h3><div class="cf-turnstile" data-sitekey="1x00000000000000000000AA" data-callback="passed"></div>` +
      `<script>var videoId = location.pathname.split("/").pop(); function passed(){ document.cookie = "cf_turnstile_demo_pass_" + videoId + "=1; path=/"; location.reload(); }</script>`,
  );
}

const swapCase = (s: string) =>
  s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
const reversed = (s: string) => [...s].reverse().join("");

/**
 * SpeedFiles' obfuscation, forwards (the extractor undoes it): URL → base64 → reversed, case swapped →
 * shift +3 → hex → reversed → base64 → reversed, case swapped → base64. `reverseOuter: false` leaves out the
 * outermost reversal, the order one public client decodes.
 */
export function speedfilesEncode(
  url: string,
  options: { reverseOuter: boolean } = { reverseOuter: true },
): string {
  const inner = swapCase(reversed(btoa(url)));
  const shifted = [...inner].map((c) => String.fromCharCode(c.charCodeAt(0) + 3)).join("");
  const hex = [...shifted].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  const outer = btoa(reversed(hex));
  return btoa(swapCase(options.reverseOuter ? reversed(outer) : outer));
}

/** SpeedFiles' page: the direct MP4 URL only as the obfuscated `_0x5opu234` string. */
export function speedfilesPage(encoded: string): string {
  return shell(
    "SpeedFiles",
    `<video id="player" class="video-js" controls preload="none"></video>` +
      `<script>var _0x5opu234 = "${encoded}"; var _0x1d2c = function(s){ return s; }; videojs("player").src({ src: _0x1d2c(_0x5opu234), type: "video/mp4" });</script>`,
  );
}

/** Cloudflare's answer (HTTP 521) when the hoster's own server behind it is down. */
export function cloudflareDownPage(host: string): string {
  return shell(
    `${host} | 521: Web server is down`,
    `<div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><h1><span class="cf-error-type">Error</span> <span class="code-label">Error code 521</span></h1>` +
      `<h2 class="cf-subheadline">Web server is down</h2><p>The web server is not returning a connection. As a result, the web page is not displaying.</p></div></div>`,
  );
}
