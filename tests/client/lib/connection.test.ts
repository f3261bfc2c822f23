import { describe, expect, test } from "vitest";
import { type ConnectionState, connectionTracker, UNREACHABLE_AFTER } from "../../../client/src/lib/trpc.ts";

describe("connection tracker", () => {
  test("reconnecting after a drop, unreachable after repeated failures, live again on open", () => {
    const states: ConnectionState[] = [];
    let reconnected = 0;
    const t = connectionTracker({ onConnection: (s) => states.push(s), onReconnected: () => reconnected++ });
    t.opened();
    t.closed();
    for (let i = 1; i < UNREACHABLE_AFTER; i++) t.closed();
    t.opened();
    expect(states).toEqual(["open", "reconnecting", "reconnecting", "unreachable", "open"]);
    expect(reconnected).toBe(1);
  });

  test("the first open is not a reconnect", () => {
    let reconnected = 0;
    connectionTracker({ onReconnected: () => reconnected++ }).opened();
    expect(reconnected).toBe(0);
  });
});
