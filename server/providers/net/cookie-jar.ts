import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as v from "valibot";

/**
 * Cookies per host, kept across requests and restarts (challenge clearances like `__ddg2_` or
 * `cf_clearance` are what lets later requests through). Deliberately simple: cookies belong to the exact
 * host that set them (no Domain widening), expiry is honoured, and the file is written atomically, 0600.
 */
const StoredSchema = v.record(
  v.string(),
  v.record(v.string(), v.object({ value: v.string(), expires: v.nullable(v.number()) })),
);

type HostCookies = Record<string, { value: string; expires: number | null }>;

export class CookieJar {
  private readonly hosts = new Map<string, HostCookies>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Something changed since the file was last written. */
  private dirty = false;

  /** `file` = where the jar lives (null: memory only). */
  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const parsed = v.safeParse(StoredSchema, JSON.parse(readFileSync(file, "utf8")));
      if (parsed.success)
        for (const [host, cookies] of Object.entries(parsed.output)) this.hosts.set(host, cookies);
    } catch {
      // No jar yet, or an unreadable one: start empty (cookies are only a speed-up).
    }
  }

  /** The Cookie header for a request to `url`, or null. */
  header(url: URL): string | null {
    const cookies = this.hosts.get(url.hostname.toLowerCase());
    if (!cookies) return null;
    const now = Date.now();
    const pairs = Object.entries(cookies)
      .filter(([, c]) => c.expires === null || c.expires > now)
      .map(([name, c]) => `${name}=${c.value}`);
    return pairs.length ? pairs.join("; ") : null;
  }

  names(host: string): string[] {
    return Object.keys(this.hosts.get(host.toLowerCase()) ?? {});
  }

  /** Stores every Set-Cookie of a response from `url`. */
  store(url: URL, headers: Headers): void {
    const lines = headers.getSetCookie();
    if (lines.length)
      this.setAll(
        url.hostname,
        lines.map(parseSetCookie).filter((c) => c !== null),
      );
  }

  setAll(host: string, cookies: { name: string; value: string; expires: number | null }[]): void {
    if (!cookies.length) return;
    const key = host.toLowerCase().replace(/^\./, "");
    const jar = this.hosts.get(key) ?? {};
    for (const c of cookies) {
      if (c.expires !== null && c.expires <= Date.now()) delete jar[c.name];
      else jar[c.name] = { value: c.value, expires: c.expires };
    }
    this.hosts.set(key, jar);
    this.scheduleSave();
  }

  clear(host: string): void {
    if (this.hosts.delete(host.toLowerCase())) this.scheduleSave();
  }

  /** Writes the jar now if it changed (on shutdown; otherwise saves are batched). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.file || !this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(this.hosts)), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.dirty = false;
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      try {
        this.flush();
      } catch {
        // A full or read-only disk must not break requests; the jar stays in memory.
      }
    }, 500);
    this.saveTimer.unref?.();
  }
}

export function parseSetCookie(line: string): { name: string; value: string; expires: number | null } | null {
  const [pair, ...attrs] = line.split(";");
  const at = pair?.indexOf("=") ?? -1;
  if (!pair || at <= 0) return null;
  const name = pair.slice(0, at).trim();
  const value = pair.slice(at + 1).trim();
  if (!/^[!#-+\--:<-[\]-~]{1,256}$/.test(name) || value.length > 4096) return null;
  let expires: number | null = null;
  for (const attr of attrs) {
    const [k, ...rest] = attr.split("=");
    const key = k?.trim().toLowerCase();
    const val = rest.join("=").trim();
    if (key === "max-age" && /^-?\d+$/.test(val)) expires = Date.now() + Number(val) * 1000;
    else if (key === "expires" && expires === null) {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) expires = t;
    }
  }
  return { name, value, expires };
}
