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
