import { eq } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../../db/connection.ts";
import { settings } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import { type Settings, SettingsPatchSchema, SettingsSchema } from "../../shared/settings.ts";

type Listener = (next: Settings, changed: (keyof Settings)[]) => void;

/** Reads and writes user settings; keeps a validated in-memory copy and tells listeners what changed. */
export class SettingsService {
  private current: Settings;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly db: Db) {
    const stored: Record<string, unknown> = {};
    for (const row of db.select().from(settings).all()) stored[row.key] = row.value;
    // Unknown or invalid stored keys fall back to defaults instead of stopping the server.
    const known = Object.fromEntries(Object.entries(stored).filter(([k]) => k in SettingsSchema.entries));
    const parsed = v.safeParse(SettingsSchema, known);
    this.current = parsed.success ? parsed.output : v.parse(SettingsSchema, {});
  }

  get(): Settings {
    return this.current;
  }

  update(patch: unknown): Settings {
    const parsed = v.safeParse(SettingsPatchSchema, patch);
    if (!parsed.success)
      throw new AppError(
        "BAD_REQUEST",
        `invalid settings: ${parsed.issues.map((i) => i.message).join("; ")}`,
      );
    const next = v.parse(SettingsSchema, { ...this.current, ...parsed.output });
    const changed = (Object.keys(parsed.output) as (keyof Settings)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(this.current[k]),
    );
    const now = Date.now();
    this.db.transaction((tx) => {
      for (const key of changed) {
        tx.insert(settings)
          .values({ key, value: next[key], updatedAt: now })
          .onConflictDoUpdate({ target: settings.key, set: { value: next[key], updatedAt: now } })
          .run();
      }
    });
    this.current = next;
    if (changed.length) for (const l of this.listeners) l(next, changed);
    return next;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Removes a stored key (back to its default). */
  reset(key: keyof Settings): Settings {
    this.db.delete(settings).where(eq(settings.key, key)).run();
    const rest = { ...this.current } as Record<string, unknown>;
    delete rest[key];
    this.current = v.parse(SettingsSchema, rest);
    return this.current;
  }
}
