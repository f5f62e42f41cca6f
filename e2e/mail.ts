/**
 * A minimal MIME reader for the .eml files the server writes: decodes the subject and each
 * text part (base64 or quoted-printable), enough for tests to find links and codes in a message.
 */
export function decodeMail(eml: string): string {
  const text = eml.replace(/\r\n/g, "\n");
  const out: string[] = [];
  const subject = /^Subject: (.*(?:\n[ \t].*)*)/im.exec(text)?.[1];
  if (subject) out.push(decodeWords(subject.replace(/\n[ \t]/g, " ")));
  // Each part: its headers, a blank line, its body (up to the next boundary or the end).
  const parts = text.split(/\n--[^\n]+\n/);
  for (const part of parts) {
    const split = part.indexOf("\n\n");
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const body = part.slice(split + 2).replace(/\n--[^\n]+--\s*$/, "");
    if (/^Content-Type: multipart\//im.test(headers)) continue;
    const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    if (encoding === "base64") out.push(Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8"));
    else if (encoding === "quoted-printable") out.push(decodeQuotedPrintable(body));
    else out.push(body);
  }
  return out.join("\n");
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? /^[0-9A-F]{2}$/i.exec(joined.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_m, _charset, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}
