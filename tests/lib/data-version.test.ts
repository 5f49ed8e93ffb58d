import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { regions, sessions } from "~db/schema";
import { createSession } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { currentDataVersion, memoByDataVersion } from "~/lib/data-version.server";
import type { Database } from "~/lib/db.server";
import { rowsOf } from "~/answers/triage.server";
import { createRegionRecord, createUserRecord } from "../factories";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const counter = (version: string) => Number(version.split(":")[1]);

describe("data version", () => {
  test("a committed transaction that changes several rows raises the data version by one", async () => {
    const before = await currentDataVersion(database.db);
    await database.db.transaction(async (tx) => {
      await createRegionRecord(tx); // a region and its organisation: two tables, two rows
      await createRegionRecord(tx);
    });
    const after = await currentDataVersion(database.db);
    expect(counter(after)).toBe(counter(before) + 1);
    expect(after.split(":")[0]).toBe(before.split(":")[0]);
  });

  test("every single statement outside a transaction raises it too", async () => {
    const before = counter(await currentDataVersion(database.db));
    const { region } = await createRegionRecord(database.db);
    await database.db.update(regions).set({ name: "Andere naam" }).where(eq(regions.id, region.id));
    expect(counter(await currentDataVersion(database.db))).toBe(before + 3);
  });

  test("a rolled-back change and session writes leave it alone", async () => {
    const user = await createUserRecord(database.db);
    const before = await currentDataVersion(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await createRegionRecord(tx);
        throw new Error("afgebroken");
      }),
    ).rejects.toThrow("afgebroken");
    const session = await createSession(database.db, user.id);
    const touched = await database.db.update(sessions).set({ expiresAt: new Date(Date.now() + 60_000) }).where(eq(sessions.id, hashToken(session.token))).returning();
    expect(touched).toHaveLength(1);
    expect(await currentDataVersion(database.db)).toBe(before);
  });

  test("a memoised value is computed once while nothing changes, and again after a change", async () => {
    let computed = 0;
    const count = () =>
      memoByDataVersion("test:region-count", async () => {
        computed++;
        return rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from regions`))[0]!.n;
      });
    const [first, second] = await Promise.all([count(), count()]);
    expect(await count()).toBe(first);
    expect(second).toBe(first);
    expect(computed).toBe(1);
    await createRegionRecord(database.db);
    expect(await count()).toBe(first + 1);
    expect(computed).toBe(2);
  });

  test("every table but sessions and login throttling carries the bump triggers", async () => {
    const rows = rowsOf<{ table: string; triggers: string[] }>(
      await database.db.execute(sql`
        select c.relname as "table", coalesce(array_agg(t.tgname::text order by t.tgname) filter (where t.tgname is not null), '{}') as triggers
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        left join pg_trigger t on t.tgrelid = c.oid and t.tgname like 'data_version_bump%'
        where c.relkind = 'r'
        group by c.relname`),
    );
    const missing = rows
      .filter((row) => !["data_version", "sessions", "login_throttle"].includes(row.table))
      .filter((row) => row.triggers.join(",") !== "data_version_bump,data_version_bump_truncate")
      .map((row) => row.table);
    expect(rows.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
