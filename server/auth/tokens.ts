import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/**
 * Secret tokens per Lucia's guide: 20 random bytes (160 bits) as lower-case base32. The database only ever
 * sees `hashToken(token)`, so a leaked database holds no usable session, API key or setup token.
 */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 as lower-case hex; Bun's native hasher (it runs on every authenticated request). */
export function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}
