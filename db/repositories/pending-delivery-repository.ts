import { and, asc, eq, inArray } from "drizzle-orm";
import * as v from "valibot";
import type { Db } from "../connection.ts";
import { type PendingDeliveryRow, pendingDeliveries } from "../schema/index.ts";

export interface PendingDeliveryWrite {
  kind: "notify" | "refresh";
  connectionId: number;
  seriesId: number | null;
  what: string;
  payload: unknown;
}

/** The only writer of `pending_deliveries` (db/schema/connections.ts): deliveries and batches to resume. */
export class PendingDeliveryRepository {
  constructor(private readonly db: Db) {}

  add(write: PendingDeliveryWrite): number {
    const now = Date.now();
    return this.db
      .insert(pendingDeliveries)
      .values({ ...write, attempts: 0, dueAt: now, createdAt: now })
      .returning({ id: pendingDeliveries.id })
      .get().id;
  }

  /** After a failed attempt: how many were made and when the next is due. */
  attempted(id: number, attempts: number, dueAt: number): void {
    this.db.update(pendingDeliveries).set({ attempts, dueAt }).where(eq(pendingDeliveries.id, id)).run();
  }

  /** Delivered, given up or dropped. */
  remove(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db
      .delete(pendingDeliveries)
      .where(inArray(pendingDeliveries.id, [...ids]))
      .run();
  }

  /** Deliveries to resume, oldest first (each connection's stay in order). */
  deliveries(): PendingDeliveryRow[] {
    return this.db
      .select()
      .from(pendingDeliveries)
      .where(inArray(pendingDeliveries.kind, ["notify", "refresh"]))
      .orderBy(asc(pendingDeliveries.id))
      .all();
  }

  /**
   * Notes that the series' refresh waits for its batch (one row per series), and a folder it was renamed
   * away from (library-relative), which the refresh reports as gone.
   */
  addBatch(seriesId: number, goneFolder?: string): void {
    const row = this.batchOf(seriesId);
    if (row && goneFolder === undefined) return;
    const gone = row ? goneOf(row) : [];
    if (goneFolder !== undefined && !gone.includes(goneFolder)) gone.push(goneFolder);
    if (row) {
      this.db
        .update(pendingDeliveries)
        .set({ payload: { gone } })
        .where(eq(pendingDeliveries.id, row.id))
        .run();
      return;
    }
    const now = Date.now();
    this.db
      .insert(pendingDeliveries)
      .values({ kind: "batch", seriesId, what: "refresh", payload: { gone }, dueAt: now, createdAt: now })
      .run();
  }

  /** Ends the series' batch; returns the folders it was renamed away from meanwhile. */
  takeBatch(seriesId: number): string[] {
    const row = this.batchOf(seriesId);
    if (!row) return [];
    this.db.delete(pendingDeliveries).where(eq(pendingDeliveries.id, row.id)).run();
    return goneOf(row);
  }

  /** The series whose refresh waits for its batch. */
  batches(): number[] {
    return this.db
      .select({ seriesId: pendingDeliveries.seriesId })
      .from(pendingDeliveries)
      .where(eq(pendingDeliveries.kind, "batch"))
      .orderBy(asc(pendingDeliveries.id))
      .all()
      .flatMap((r) => (r.seriesId === null ? [] : [r.seriesId]));
  }

  private batchOf(seriesId: number): PendingDeliveryRow | undefined {
    return this.db
      .select()
      .from(pendingDeliveries)
      .where(and(eq(pendingDeliveries.kind, "batch"), eq(pendingDeliveries.seriesId, seriesId)))
      .get();
  }
}

const BatchPayloadSchema = v.object({ gone: v.optional(v.array(v.string()), []) });

/** The folders a batch row names as gone; none when its payload is not what we write. */
function goneOf(row: PendingDeliveryRow): string[] {
  const parsed = v.safeParse(BatchPayloadSchema, row.payload);
  return parsed.success ? [...parsed.output.gone] : [];
}
