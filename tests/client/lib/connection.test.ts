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

  test("down for good: http-only while the server answers over HTTP, unreachable when it does not", async () => {
    const states: ConnectionState[] = [];
    const answers: ((answered: boolean) => void)[] = [];
    const t = connectionTracker(
      { onConnection: (s) => states.push(s) },
      () => new Promise((r) => answers.push(r)),
    );
    t.opened();
    for (let i = 0; i < UNREACHABLE_AFTER; i++) t.closed();
    // Asked only once the socket is down for good; no alarm before the answer.
    expect(answers).toHaveLength(1);
    expect(states.at(-1)).toBe("reconnecting");
    answers[0]?.(true);
    await Promise.resolve();
    expect(states.at(-1)).toBe("http-only");
    // The next failure asks again and keeps what is shown until the answer comes.
    t.closed();
    expect(states.at(-1)).toBe("http-only");
    answers[1]?.(false);
    await Promise.resolve();
    expect(states.at(-1)).toBe("unreachable");
    t.opened();
    expect(states.at(-1)).toBe("open");
    // A new outage starts unknown again.
    for (let i = 0; i < UNREACHABLE_AFTER; i++) t.closed();
    expect(states.at(-1)).toBe("reconnecting");
  });

  test("an answer about an earlier attempt changes nothing", async () => {
    const states: ConnectionState[] = [];
    const answers: ((answered: boolean) => void)[] = [];
    const t = connectionTracker(
      { onConnection: (s) => states.push(s) },
      () => new Promise((r) => answers.push(r)),
    );
    for (let i = 0; i < UNREACHABLE_AFTER + 1; i++) t.closed();
    answers[0]?.(true);
    await Promise.resolve();
    expect(states.at(-1)).toBe("reconnecting");
    t.opened();
    answers[1]?.(true);
    await Promise.resolve();
    expect(states.at(-1)).toBe("open");
  });
});
