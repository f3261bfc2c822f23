import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * The private-address rule: a URL the app did not get from configuration (redirect targets, hoster pages,
 * media, playlists, segments, images) must not lead to this machine or its networks. Every address the
 * host name resolves to is checked; one forbidden address refuses the URL. The fetch that follows
 * resolves again, so a name that changes its answer in between (DNS rebinding) is not fully excluded;
 * the check still stops every plain internal link a hostile page can hand us.
 */
export class AddressRefused extends Error {
  override readonly name = "AddressRefused";
}

export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export async function assertPublicUrl(url: URL, resolve: Lookup = systemLookup): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new AddressRefused(`refusing ${url.protocol} URLs`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else if (/^localhost$|\.localhost$/i.test(host)) addresses = ["127.0.0.1"];
  else {
    try {
      addresses = await resolve(host);
    } catch (cause) {
      throw new AddressRefused(`${host} does not resolve`, { cause });
    }
  }
  for (const address of addresses) {
    const why = privateRange(address);
    if (why)
      throw new AddressRefused(
        `refusing to contact ${host}: it resolves to a ${why} address (${address}); set --allow-private-hosts to allow it`,
      );
  }
}

/** The kind of non-public range an address is in, or null for a public address. */
export function privateRange(address: string): string | null {
  const v4 = isIP(address) === 4 ? address : mappedV4(address);
  if (v4) return v4Range(v4);
  if (isIP(address) !== 6) return "unparseable";
  return v6Range(expandV6(address));
}

function v4Range(address: string): string | null {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (a === 127) return "loopback";
  if (a === 0) return "unspecified";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "CGNAT";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved";
  return null;
}

function v6Range(groups: number[]): string | null {
  if (groups.every((g) => g === 0)) return "unspecified";
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return "loopback";
  const first = groups[0] ?? 0;
  if ((first & 0xfe00) === 0xfc00) return "private";
  if ((first & 0xffc0) === 0xfe80) return "link-local";
  if ((first & 0xff00) === 0xff00) return "multicast";
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address: judge that one.
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
    return v4Range(v4From(groups[6] ?? 0, groups[7] ?? 0));
  if (first === 0x2002) return v4Range(v4From(groups[1] ?? 0, groups[2] ?? 0));
  return null;
}

/** `::ffff:127.0.0.1`, `::ffff:7f00:1` and the deprecated `::127.0.0.1` → the IPv4 address. */
function mappedV4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  const g = expandV6(address);
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0) && !(g[5] === 0 && g[6] === 0))
    return v4From(g[6] ?? 0, g[7] ?? 0);
  return null;
}

function v4From(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

function expandV6(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail ? tail.split(":") : [];
  const fill = tail !== undefined ? new Array(8 - left.length - right.length).fill("0") : [];
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g || "0", 16));
}
