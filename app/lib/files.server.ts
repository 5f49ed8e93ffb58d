import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { files } from "~db/schema";
import type { Db } from "./db.server";

export interface NewFile {
  regionId: string | null;
  filename: string;
  mime: string;
  bytes: Uint8Array;
  createdById: string | null;
}

export interface StoredFile {
  id: string;
  regionId: string | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  createdAt: Date;
}

/** Stores a file's bytes in the database (the file store); call inside the transaction of the change. */
export async function storeFile(tx: Db, file: NewFile): Promise<string> {
  const content = Buffer.from(file.bytes);
  const [row] = await tx
    .insert(files)
    .values({
      regionId: file.regionId,
      filename: file.filename,
      mime: file.mime,
      size: content.byteLength,
      sha256: createHash("sha256").update(content).digest("hex"),
      content,
      createdById: file.createdById,
    })
    .returning({ id: files.id });
  return row!.id;
}

export async function readStoredFile(db: Db, id: string): Promise<StoredFile | null> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/** A download response: attachment disposition with an RFC 5987 file name, never sniffed. */
export function fileResponse(file: Pick<StoredFile, "filename" | "mime" | "content">): Response {
  const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
