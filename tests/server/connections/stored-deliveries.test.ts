import { afterAll, expect, test } from "bun:test";
import * as v from "valibot";
import { startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import { ConnectionService } from "../../../server/connections/connection-service.ts";
import { createLogger } from "../../../server/logger.ts";
import { ConnectionCreateSchema, type NotificationPayload } from "../../../shared/connections.ts";
import { databasePerTest } from "../../helpers/database-per-test.ts";

/**
 * Stored deliveries are read back after a restart like any outside input: a row that is not what the
 * service wrote (an old or damaged payload) is dropped with a warning, and the readable ones are delivered.
 */
const db = databasePerTest();
const webhook = startReceiver("webhook");
afterAll(() => webhook.stop());

const payload: NotificationPayload = {
  schema: 1,
  event: "series.added",
  at: "2026-01-01T00:00:00.000Z",
  title: "Added: <b>Frieren</b>",
  message: "Frieren was added to the library.",
  series: { id: 1, title: "Frieren", folder: "Frieren" },
  episode: null,
  error: null,
  count: null,
  check: null,
};

test("an unreadable stored delivery is dropped with a warning; the readable one is delivered", async () => {
  const lines: string[] = [];
  const service = new ConnectionService({
    db: db().db,
    logger: createLogger({ level: "warn", json: true, write: (line) => lines.push(line) }),
    retry: { attempts: 1, baseMs: 1 },
  });
  const hook = service.create(
    v.parse(ConnectionCreateSchema, { name: "hook", kind: "webhook", url: webhook.url }),
  );
  const row = { kind: "notify", connectionId: hook.id, seriesId: null, what: "series.added" } as const;
  service.pending.add({ ...row, payload: { ...payload, event: "series.renamed" } });
  service.pending.add({ ...row, payload: { paths: ["/media/anime/Frieren"] } });
  service.pending.add({ ...row, payload });

  expect(service.resume()).toBe(1);
  await service.queue.idle();

  expect(webhook.received.map((r) => r.body)).toEqual([payload]);
  expect(service.pending.deliveries()).toEqual([]);
  const warnings = lines.map((l) => JSON.parse(l) as { msg: string; kind?: string });
  expect(warnings.filter((w) => w.msg === "a stored delivery is unreadable and was dropped")).toHaveLength(2);
  await service.stop();
});
