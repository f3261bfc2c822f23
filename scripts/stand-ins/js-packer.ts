/**
 * Dean Edwards' packer, forwards: what hosters wrap their player setup in. The stand-ins pack pages with
 * it so the extractors' unpacker (server/downloads/hosters/js-unpacker.ts) meets the real shape.
 */
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function pack(text: string, base = 36): string {
  const words: string[] = [];
  const index = new Map<string, number>();
  const payload = text.replace(/\b\w+\b/g, (w) => {
    let i = index.get(w);
    if (i === undefined) {
      i = words.length;
      words.push(w);
      index.set(w, i);
    }
    return encode(i, base);
  });
  const escaped = payload.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
  return `eval(function(p,a,c,k,e,d){e=function(c){return c.toString(a)};if(!''.replace(/^/,String)){while(c--){d[c.toString(a)]=k[c]||c.toString(a)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}('${escaped}',${base},${words.length},'${words.join("|")}'.split('|'),0,{}))`;
}

function encode(n: number, base: number): string {
  let out = "";
  let rest = n;
  do {
    out = DIGITS[rest % base] + out;
    rest = Math.floor(rest / base);
  } while (rest > 0);
  return out;
}
