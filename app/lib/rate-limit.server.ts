import { sql } from "drizzle-orm";
import { loginThrottle } from "~db/schema";
import type { Db } from "./db.server";

/**
 * A fixed-window counter in the database (so it holds across processes), sharing the login
 * throttle's table under its own key prefix. Returns false once `max` actions happened in the window.
 */
export async function takeRateLimit(db: Db, key: string, max: number, windowMs: number, now = new Date()): Promise<boolean> {
  const windowStart = new Date(now.getTime() - windowMs).toISOString();
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning({ count: loginThrottle.failures });
  return (row?.count ?? 0) <= max;
}

export const rateLimits = {
  /** Invitations one staff member may send per hour. */
  invitations: { max: 60, windowMs: 60 * 60 * 1000, message: "U heeft het afgelopen uur al veel uitnodigingen verstuurd. Probeer het over een uur opnieuw." },
  /** Reactions one person may submit per hour (a reaction is one per organisation per round). */
  submissions: { max: 10, windowMs: 60 * 60 * 1000, message: "U heeft het afgelopen uur al veel reacties ingediend. Probeer het later opnieuw." },
} as const;
