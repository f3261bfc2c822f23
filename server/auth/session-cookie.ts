/**
 * The session cookie. Over HTTPS it is `__Host-aniworld_session` with `Secure` (the prefix makes browsers
 * refuse it unless Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it).
 * Over plain HTTP (the default on a LAN) it is `aniworld_session` without Secure, or it would never be sent.
 */
export const COOKIE_NAME = "aniworld_session";
export const SECURE_COOKIE_NAME = `__Host-${COOKIE_NAME}`;

/** Whether the browser reached us over HTTPS: the URL itself, or a trusted proxy's X-Forwarded-Proto. */
export function isSecureRequest(url: URL, headers: Headers, trustProxy: boolean): boolean {
  if (url.protocol === "https:" || url.protocol === "wss:") return true;
  if (!trustProxy) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
  const attrs = [
    `${secure ? SECURE_COOKIE_NAME : COOKIE_NAME}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${new Date(expiresAt).toUTCString()}`,
  ];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  const attrs = [
    `${secure ? SECURE_COOKIE_NAME : COOKIE_NAME}=`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    "Max-Age=0",
  ];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

/** The session token from a Cookie header (the secure name wins when both are present). */
export function readSessionToken(headers: Headers): string | null {
  const header = headers.get("cookie");
  if (!header) return null;
  let plain: string | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === SECURE_COOKIE_NAME && value) return value;
    if (name === COOKIE_NAME && value) plain = value;
  }
  return plain;
}
