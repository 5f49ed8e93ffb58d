import { z } from "~/lib/zod.server";

/** The nota van beantwoording page's query: which round, grouped how; a malformed value falls back. */
export const NotaQuerySchema = z.object({
  ronde: z.uuid().nullable().catch(null),
  groep: z.enum(["onderdeel", "organisatie"]).catch("onderdeel"),
});

/** The rode draad page's query: which round; a malformed value falls back to the latest. */
export const ThreadReportQuerySchema = z.object({ ronde: z.uuid().nullable().catch(null) });
