import { afterEach, expect, test } from "bun:test";
import { TRPCError } from "@trpc/server";
import { LoadingStatusService } from "../../../server/loading/loading-status-service.ts";
import type { Services } from "../../../server/trpc/services.ts";
import type { LoadingStatusUpdate } from "../../../shared/series-loading.ts";
import { callerFor } from "../../helpers/callers.ts";
import { waitFor } from "../../helpers/test-server.ts";
import { startLoader } from "../loading/loader-harness.ts";

let h: ReturnType<typeof startLoader>;
afterEach(async () => {
  await h.close();
});

function callers() {
  const services = {
    config: h.config,
    db: h.db,
    logger: undefined as unknown as Services["logger"],
    settings: h.settings,
    events: h.events,
    loader: h.loader,
    seriesWrite: h.series,
    loadingStatus: new LoadingStatusService(h.db.db, h.events),
  } as unknown as Services;
  return {
    authed: callerFor(services, { userId: 1, username: "admin", via: "apiKey" }),
    anonymous: callerFor(services, null),
  };
}

test("add validates the key, returns the row at once, and a second add says alreadyExisted", async () => {
  h = startLoader();
  const { authed } = callers();
  for (const bad of [
    "one-piece",
    "aniworld:",
    "aniworld:../x",
    "aniworld:a b",
    "http://x",
    "aniworld:<script>",
  ])
    await expect(authed.series.add({ catalogKey: bad })).rejects.toThrow(/catalogue key/);
  const row = await authed.series.add({ catalogKey: "aniworld:one-piece" });
  expect(row).toMatchObject({ title: "One Piece", loadingStatus: "pending", alreadyExisted: false });
  const again = await authed.series.add({ catalogKey: "aniworld:one-piece" });
  expect(again).toMatchObject({ id: row.id, alreadyExisted: true });
  await h.waitStatus(row.id, "completed");
});

test("every write procedure needs a principal", async () => {
  h = startLoader();
  const { anonymous } = callers();
  const calls: (() => Promise<unknown>)[] = [
    () => anonymous.series.add({ catalogKey: "aniworld:x" }),
    () => anonymous.series.remove({ id: 1 }),
    () => anonymous.series.retryLoading({ id: 1 }),
    () => anonymous.series.setMonitored({ id: 1, monitored: true }),
    () => anonymous.series.loadingStatus({}),
  ];
  for (const call of calls) {
    const error = await Promise.resolve()
      .then(call)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  }
});

test("unknown ids are NOT_FOUND; setMonitored flips the flag", async () => {
  h = startLoader();
  const { authed } = callers();
  for (const call of [
    () => authed.series.remove({ id: 999 }) as Promise<unknown>,
    () => authed.series.retryLoading({ id: 999 }),
    () => authed.series.setMonitored({ id: 999, monitored: true }),
  ])
    await expect(call()).rejects.toThrow(/does not exist/);
  await expect(authed.series.remove({ id: -1 })).rejects.toThrow(/Expected >=1/);
  const row = await authed.series.add({ catalogKey: "aniworld:mob-psycho" });
  expect((await authed.series.setMonitored({ id: row.id, monitored: true })).monitored).toBe(true);
  expect((await authed.series.setMonitored({ id: row.id, monitored: false })).monitored).toBe(false);
  await h.waitStatus(row.id, "completed");
});

test("loadingStatus: snapshot of one series, then each change until completed", async () => {
  h = startLoader({ concurrency: 1 });
  const { authed } = callers();
  const blocker = await authed.series.add({ catalogKey: "aniworld:slow-first" });
  const row = await authed.series.add({ catalogKey: "aniworld:haikyuu" });
  const stream = await authed.series.loadingStatus({ seriesId: row.id });
  const seen: string[] = [];
  // A server-side caller sees tracked() envelopes: [eventId, data, marker].
  const ids: number[] = [];
  for await (const item of stream) {
    const [id, data] = item as unknown as [string, LoadingStatusUpdate];
    ids.push(Number(id));
    seen.push(data.status);
    if (data.status === "completed") break;
  }
  expect(ids.slice(1)).toEqual([...ids.slice(1)].sort((a, b) => a - b));
  expect(new Set(ids.slice(1)).size).toBe(ids.length - 1);
  expect(seen[0]).toBe("pending");
  // Every step's start is sent; a finished step alone or with what followed it in the worker's batch.
  expect(seen.slice(1).filter((status, i, all) => status !== all[i - 1])).toEqual([
    "loading_episodes",
    "loading_nfo",
    "loading_logo",
    "loading_images",
    "completed",
  ]);
  await waitFor(() => h.statusOf(blocker.id) === "completed", "blocker");
  const missing = await authed.series.loadingStatus({ seriesId: 4242 });
  await expect(missing[Symbol.asyncIterator]().next()).rejects.toThrow(/does not exist/);
});
