import { Database } from "bun:sqlite";
import { afterEach, beforeEach, expect, test } from "bun:test";
import { join } from "node:path";
import { GroupCommit } from "../../../server/events/group-commit.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let transactions: number;
let group: GroupCommit;
const BUDGET_MS = 2;

beforeEach(() => {
  tmp = tempDir();
  db = new Database(join(tmp.path, "t.db"), { create: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("CREATE TABLE t (n INTEGER NOT NULL)");
  const inTransaction = db.transaction((run: () => void) => run());
  transactions = 0;
  group = new GroupCommit(
    (run) => {
      transactions++;
      inTransaction(run);
    },
    undefined,
    BUDGET_MS,
  );
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

/** What another connection sees committed. */
function committed(): number[] {
  const other = new Database(join(tmp.path, "t.db"), { readonly: true });
  try {
    return other
      .query<{ n: number }, []>("SELECT n FROM t ORDER BY rowid")
      .all()
      .map((r) => r.n);
  } finally {
    other.close();
  }
}

/** A write that takes about `ms` of the thread, as a large loader result does. */
function slowWrite(n: number, ms: number): () => number {
  return () => {
    const until = performance.now() + ms;
    while (performance.now() < until) {}
    db.run("INSERT INTO t (n) VALUES (?)", [n]);
    return n;
  };
}

test("writes past the budget go into the next transaction, in submission order, each answered after its commit", async () => {
  const seenAtAnswer: number[][] = [];
  const answers = Array.from({ length: 6 }, (_, n) =>
    group.submit(slowWrite(n, 1.5)).then((value) => {
      seenAtAnswer[value] = committed();
      return value;
    }),
  );
  expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(committed()).toEqual([0, 1, 2, 3, 4, 5]);
  // 1.5 ms each against a 2 ms budget: two writes per transaction, not one transaction for all six.
  expect(transactions).toBeGreaterThanOrEqual(3);
  for (let n = 0; n < 6; n++) expect(seenAtAnswer[n]).toContain(n);
  // The first writes were answered before the last ones were written.
  expect(seenAtAnswer[0]?.length).toBeLessThan(6);
});

test("writes submitted while a group is over budget wait behind the ones left over", async () => {
  const first = Array.from({ length: 4 }, (_, n) => group.submit(slowWrite(n, 1.5)));
  await first[0];
  const later = group.submit(slowWrite(9, 0));
  await Promise.all([...first, later]);
  expect(committed()).toEqual([0, 1, 2, 3, 9]);
});

test("flush commits everything waiting, whatever the budget", () => {
  for (let n = 0; n < 5; n++) void group.submit(slowWrite(n, 1.5));
  group.flush();
  expect(committed()).toEqual([0, 1, 2, 3, 4]);
});
