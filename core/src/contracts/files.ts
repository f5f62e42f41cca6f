/**
 * Uploaded files (homework attachments today; application documents later). A file is sent as
 * raw bytes with its name; the server accepts only the types below, detected by the file's own
 * bytes (magic numbers), and only when the name's extension says the same type.
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { Uuid } from "./common.ts";

/** The largest file the upload takes. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface AllowedFileType {
  /** The media type stored and sent back on download. */
  mediaType: string;
  /** Extensions (lower case, no dot) a file of this type may have. */
  extensions: readonly string[];
  /** How people call it: «PDF», «DOCX». */
  label: string;
}

/**
 * What may be uploaded: documents and images a teacher attaches to homework. Plain text has no
 * magic number: it is accepted by its extension when its bytes are valid UTF-8 text.
 */
export const ALLOWED_FILE_TYPES: readonly AllowedFileType[] = [
  { mediaType: "application/pdf", extensions: ["pdf"], label: "PDF" },
  { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"], label: "JPEG" },
  { mediaType: "image/png", extensions: ["png"], label: "PNG" },
  { mediaType: "image/webp", extensions: ["webp"], label: "WEBP" },
  { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], label: "DOCX" },
  { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], label: "XLSX" },
  { mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"], label: "PPTX" },
  { mediaType: "application/vnd.oasis.opendocument.text", extensions: ["odt"], label: "ODT" },
  { mediaType: "text/plain", extensions: ["txt"], label: "TXT" },
];

/** The file's extension, lower case without the dot ("" when it has none). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** The allowed type a file name claims by its extension, or null. */
export function allowedTypeOfName(name: string): AllowedFileType | null {
  const ext = fileExtension(name);
  return ALLOWED_FILE_TYPES.find((t) => t.extensions.includes(ext)) ?? null;
}

/** A file name as shown and downloaded: no folders, no control characters, with an extension. */
export const FileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (name) => !/[\\/]/.test(name) && ![...name].some((c) => c < " " || c === "\u007f"),
    "A file name without folders or control characters",
  );

export const FileRef = z.strictObject({
  id: Uuid,
  /** The name it was uploaded with, e.g. «Задачи к уроку.pdf». */
  name: z.string(),
  mediaType: z.string(),
  /** Bytes. */
  size: z.number().int(),
});
export type FileRef = z.infer<typeof FileRef>;

/** The file itself as the request body (Content-Type: application/octet-stream). */
export const FileBytes = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "expected_file" })
  .meta({ type: "string", format: "binary", description: "The file itself (Content-Type: application/octet-stream), at most 10 MiB" });

export const UploadFileQuery = z.strictObject({
  /** The file's name with its extension; the extension must match the content. */
  name: FileName,
  /** The media type the browser reports for the file (File.type); when given it must match the content too. */
  type: z.string().trim().max(200).optional(),
});

export const fileEndpoints = {
  upload: endpoint({
    method: "POST",
    path: "/api/v1/files",
    summary:
      "Upload a file (raw bytes, at most 10 MiB) to attach to homework; its type, detected from its bytes, must be allowed and match its name (else 415)",
    tag: "files",
    query: UploadFileQuery,
    body: FileBytes,
    output: FileRef,
    status: 201,
  }),
  download: endpoint({
    method: "GET",
    path: "/api/v1/files/:fileId",
    summary: "Download a file attached to homework the caller may see (or one they uploaded)",
    tag: "files",
    params: z.strictObject({ fileId: Uuid }),
    output: z.string().meta({ type: "string", format: "binary", description: "The file, with Content-Disposition: attachment" }),
  }),
};
