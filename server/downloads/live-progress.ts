import type { Progress } from "./transfer/file-transfer.ts";

interface Live {
  bytes: number;
  total: number | null;
  speed: number;
  eta: number | null;
  at: number;
  persistedAt: number;
}

/** In-memory speed (smoothed) and ETA per running download; says when to persist bytes to the database. */
export class LiveProgress {
  private readonly items = new Map<number, Live>();

  constructor(private readonly persistEveryMs = 2000) {}

  update(id: number, p: Progress): { speed: number; eta: number | null; persist: boolean } {
    const now = performance.now();
    const prev = this.items.get(id);
    let speed = 0;
    if (prev && now > prev.at && p.bytes >= prev.bytes) {
      const instant = ((p.bytes - prev.bytes) / (now - prev.at)) * 1000;
      speed = prev.speed ? prev.speed * 0.7 + instant * 0.3 : instant;
    }
    const eta = p.total !== null && speed > 0 ? Math.max(0, Math.round((p.total - p.bytes) / speed)) : null;
    const persist = !prev || now - prev.persistedAt >= this.persistEveryMs || p.bytes === p.total;
    this.items.set(id, {
      bytes: p.bytes,
      total: p.total,
      speed: Math.round(speed),
      eta,
      at: now,
      persistedAt: persist ? now : (prev?.persistedAt ?? now),
    });
    return { speed: Math.round(speed), eta, persist };
  }

  get(id: number): Live | undefined {
    return this.items.get(id);
  }

  clear(id: number): void {
    this.items.delete(id);
  }
}
