/**
 * The caller's address. Behind a trusted reverse proxy it is the right-most X-Forwarded-For entry: the one
 * the proxy appended for the peer it saw. Entries to its left come from the client and prove nothing.
 */
export function clientIp(headers: Headers, trustProxy: boolean, direct: () => string | undefined): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for");
    if (forwarded) {
      const last = forwarded.slice(forwarded.lastIndexOf(",") + 1).trim();
      if (last) return last;
    }
  }
  return direct() ?? "";
}
