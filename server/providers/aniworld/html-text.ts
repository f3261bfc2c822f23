/**
 * Catalogue text is data, never markup: HTMLRewriter hands us raw text and attribute values, so entities
 * are decoded here and tags (from JSON fields that may carry HTML) are dropped.
 */
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  szlig: "ß",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  bdquo: "„",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  middot: "·",
  times: "×",
  copy: "©",
  reg: "®",
  deg: "°",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      // Control characters and lone surrogates are not text; drop them.
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code < 0x20)
        return code === 9 || code === 10 ? String.fromCodePoint(code) : "";
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? whole;
  });
}

/** Collapses runs of white space (and strips control characters) into single spaces. */
export function cleanText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // Control characters are never text (tab, newline and carriage return count as space).
    if (code < 0x20 || code === 0x7f) out += code === 9 || code === 10 || code === 13 ? " " : "";
    else out += ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Text of an HTML fragment: tags (and script/style contents) removed, entities decoded, space collapsed. */
export function fragmentText(html: string): string {
  const withoutCode = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ");
  return cleanText(decodeEntities(withoutCode.replace(/<[^>]*>?/g, " ").replace(/\s+([,.;:!?])/g, "$1")));
}

/** Raw attribute value or text chunk → plain text. */
export function attrText(raw: string | null | undefined): string {
  return raw == null ? "" : cleanText(decodeEntities(raw));
}

/**
 * A lazy image's real URL: `data-src` when there is one (lazy loaders keep a placeholder — a `data:` URI
 * or a spinner — in `src`), else `src` unless it is a `data:` placeholder.
 */
export function lazyImageUrl(src: string | null, dataSrc: string | null): string {
  const lazy = attrText(dataSrc);
  if (lazy && !/^data:/i.test(lazy)) return lazy;
  const plain = attrText(src);
  return /^data:/i.test(plain) ? "" : plain;
}
