/**
 * A tiny XML writer for NFO files: every text and attribute value is escaped, and characters XML 1.0 cannot
 * hold (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so any catalogue text is safe.
 */
export type XmlNode = {
  name: string;
  attrs?: Record<string, string | number | boolean>;
  children?: XmlChild[];
};
export type XmlChild = XmlNode | string | number | null | undefined;

export function xmlText(value: string): string {
  return stripInvalid(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export function stripInvalid(value: string): string {
  // With the u flag a lone surrogate is one code point outside every allowed range, so it is removed too.
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

/** Element helper; children that are null/undefined/"" are left out, so optional fields vanish. */
export function el(name: string, attrs: XmlNode["attrs"] | null, ...children: XmlChild[]): XmlNode {
  return { name, ...(attrs ? { attrs } : {}), children };
}

/** Leaf element with text; returns null for empty values so the element is omitted. */
export function leaf(
  name: string,
  value: string | number | null | undefined,
  attrs?: XmlNode["attrs"],
): XmlNode | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!text) return null;
  return { name, ...(attrs ? { attrs } : {}), children: [text] };
}

export function renderDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${render(root, 0)}\n`;
}

function render(node: XmlNode, depth: number): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(node.name)) throw new Error(`invalid XML element name ${node.name}`);
  const pad = "  ".repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, val]) => ` ${k}="${xmlAttr(String(val))}"`)
    .join("");
  const kids = (node.children ?? []).filter(
    (c): c is XmlNode | string | number => c !== null && c !== undefined && c !== "",
  );
  if (kids.length === 0) return `${pad}<${node.name}${attrs} />`;
  if (kids.every((k) => typeof k !== "object"))
    return `${pad}<${node.name}${attrs}>${xmlText(kids.join(""))}</${node.name}>`;
  const inner = kids.map((k) =>
    typeof k === "object" ? render(k, depth + 1) : `${pad}  ${xmlText(String(k))}`,
  );
  return `${pad}<${node.name}${attrs}>\n${inner.join("\n")}\n${pad}</${node.name}>`;
}
