/**
 * What an uploaded file really is. The name and the browser's media type are claims; the bytes
 * decide (magic numbers, read by the `file-type` library). A file is accepted only when its
 * detected type is allowed and its name (and the claimed media type, when given) say the same.
 */
import {
  ALLOWED_FILE_TYPES,
  type AllowedFileType,
  allowedTypeOfName,
  FILE_MAX_BYTES,
  fileExtension,
} from "@otmetka/core/contracts/files.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { fileTypeFromBuffer } from "file-type";

const allowedList = () => ALLOWED_FILE_TYPES.map((t) => t.label).join(", ");

/** Media types browsers report for these files besides the standard one. */
const MEDIA_TYPE_ALIASES: Record<string, string> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };

/** The file is text: valid UTF-8 without control characters other than tab, line breaks and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

function refused(message: string, details: Record<string, unknown>): AppError {
  return new AppError("unsupported_media_type", message, { details });
}

/**
 * The allowed type of an upload, or a 415 that says what is wrong: a type not on the list, or
 * content that is not what the name (or the claimed media type) says — a «PDF» that is not one.
 */
export async function checkUploadedFile(name: string, bytes: Uint8Array, claimedType?: string): Promise<AllowedFileType> {
  if (bytes.length === 0) throw new AppError("bad_request", "The file is empty", { details: { reason: "empty_file" } });
  if (bytes.length > FILE_MAX_BYTES) throw new AppError("payload_too_large", "The file is larger than 10 MiB");
  const declared = allowedTypeOfName(name);
  if (!declared) {
    const ext = fileExtension(name);
    const what = ext ? `Files of type .${ext} are` : "A file without an extension is";
    throw refused(`${what} not accepted; allowed: ${allowedList()}`, {
      reason: "type_not_allowed",
      extension: ext,
    });
  }
  const detected = await fileTypeFromBuffer(bytes);
  const actual = detected
    ? (ALLOWED_FILE_TYPES.find((t) => t.mediaType === detected.mime) ?? null)
    : isPlainText(bytes)
      ? (ALLOWED_FILE_TYPES.find((t) => t.mediaType === "text/plain") ?? null)
      : null;
  if (actual?.mediaType !== declared.mediaType) {
    const what = actual
      ? `its content is ${actual.label}`
      : detected
        ? `its content is ${detected.ext.toUpperCase()}`
        : "its content is not recognised";
    throw refused(`The file «${name}» is named as ${declared.label}, but ${what}: it was not saved`, {
      reason: "content_mismatch",
      declared: declared.label,
      detected: actual?.label ?? detected?.ext ?? null,
    });
  }
  const claimed = claimedType?.split(";")[0]?.trim().toLowerCase();
  if (claimed && claimed !== "application/octet-stream" && (MEDIA_TYPE_ALIASES[claimed] ?? claimed) !== declared.mediaType) {
    throw refused(`The file «${name}» is sent as ${claimed}, but its content is ${declared.label}: it was not saved`, {
      reason: "content_mismatch",
      declared: claimed,
      detected: declared.label,
    });
  }
  return declared;
}
