import type { Principal } from "../trpc/context.ts";

export interface TrackedSocket {
  close(code?: number, reason?: string): void;
  principal: Principal | null;
}

/** Open WebSocket connections, so shutdown can close them and ending a session can drop its sockets. */
export class SocketRegistry {
  private readonly sockets = new Set<TrackedSocket>();

  add(socket: TrackedSocket): void {
    this.sockets.add(socket);
  }
  delete(socket: TrackedSocket): void {
    this.sockets.delete(socket);
  }
  get size(): number {
    return this.sockets.size;
  }
  /** Closes every socket for which `match` is true (all when omitted). */
  closeWhere(code: number, reason: string, match: (s: TrackedSocket) => boolean = () => true): number {
    let n = 0;
    for (const s of [...this.sockets]) {
      if (!match(s)) continue;
      s.close(code, reason);
      this.sockets.delete(s);
      n++;
    }
    return n;
  }
}
