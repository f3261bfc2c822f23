/** The SHA-256 of a file's bytes, hex: what the hoster stand-in's media checksums are compared with. */
export async function fileSha256(path: string): Promise<string> {
  return new Bun.CryptoHasher("sha256").update(await Bun.file(path).bytes()).digest("hex");
}
