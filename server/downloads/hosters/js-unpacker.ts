/**
 * Unpacks Dean Edwards' packer (`eval(function(p,a,c,k,e,d){…}('payload',base,count,'w|o|r|d|s'.split('|')…))`),
 * which several hosters wrap their player setup in, without evaluating anything: the payload's words are
 * base-N indexes into the dictionary.
 */
const PACKED =
  /}\s*\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*'((?:[^'\\]|\\.)*)'\s*\.split\(\s*'\|'\s*\)/;

export function unpackAll(html: string): string[] {
  const out: string[] = [];
  let rest = html;
  for (let i = 0; i < 8; i++) {
    const at = rest.search(/eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)/);
    if (at < 0) break;
    rest = rest.slice(at);
    const unpacked = unpack(rest);
    if (unpacked) out.push(unpacked);
    rest = rest.slice(10);
  }
  return out;
}

export function unpack(source: string): string | null {
  const m = PACKED.exec(source);
  if (!m) return null;
  const payload = (m[1] ?? "").replace(/\\'/g, "'").replace(/\\\\/g, "\\");
  const base = Number(m[2]);
  const count = Number(m[3]);
  const words = (m[4] ?? "").split("|");
  if (!(base >= 2 && base <= 62) || words.length < count) return null;
  return payload.replace(/\b\w+\b/g, (token) => {
    const index = decode(token, base);
    return index !== null && index < words.length && words[index] ? (words[index] as string) : token;
  });
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function decode(token: string, base: number): number | null {
  let n = 0;
  for (const ch of token) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return null;
    n = n * base + d;
  }
  return n;
}
