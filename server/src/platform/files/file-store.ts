/**
 * Files kept in the database (`files`, content as bytea, at most 10 MiB each), and how they are
 * sent back: as an attachment with the original (Cyrillic) name, never sniffed or rendered
 * inline by the browser.
 */
import { createHash } from "node:crypto";
import type { FileRef } from "@otmetka/core/contracts/files.ts";
import type { FastifyReply } from "fastify";
import type { Db } from "../db/db.ts";
import { sql } from "../db/sql.ts";

export async function storeFile(
  tx: Db,
  input: { schoolId: string; name: string; mediaType: string; bytes: Uint8Array; createdBy: string },
): Promise<FileRef> {
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  return tx.one<FileRef>(sql`
    insert into files (school_id, name, media_type, size, sha256, content, created_by)
    values (${input.schoolId}, ${input.name}, ${input.mediaType}, ${input.bytes.length}, ${sha256}, ${Buffer.from(input.bytes)}, ${input.createdBy})
    returning id, name, media_type as "mediaType", size`);
}

export interface StoredFile extends FileRef {
  content: Buffer;
}

export async function readFileContent(db: Db, schoolId: string, fileId: string): Promise<StoredFile | null> {
  const row = await db.maybeOne<FileRef & { content: Uint8Array }>(sql`
    select id, name, media_type as "mediaType", size, content from files where school_id = ${schoolId} and id = ${fileId}`);
  // node-postgres gives a Buffer, PGlite a Uint8Array.
  return row ? { ...row, content: Buffer.from(row.content) } : null;
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the real one (RFC 6266, RFC 5987). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file as a download that the browser neither sniffs nor runs. */
export function sendFile(reply: FastifyReply, file: StoredFile): Buffer {
  reply
    .type(file.mediaType === "text/plain" ? "text/plain; charset=utf-8" : file.mediaType)
    .header("content-disposition", attachmentDisposition(file.name))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox; default-src 'none'")
    .header("cache-control", "private, no-store");
  return file.content;
}
