import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PERSONAL_DATA_POLICY_VERSION } from "@otmetka/core/contracts/identity.ts";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../../platform/mail/mailer.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** The text of a single-part message as nodemailer writes it (quoted-printable, base64 or plain). */
function bodyText(raw: string): string {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

describe.each(DATABASES)("registration through a real SMTP server on %s", (kind) => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 1000,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("latin1"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: "Отметка <no-reply@otmetka.test>",
      dataDir: mkdtempSync(join(tmpdir(), "otmetka-smtp-")),
    });
    t = await startTestApp(kind, { mailer });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it("mails the confirmation code over SMTP; the code from the received message confirms the account", async () => {
    const email = `${randomUUID()}@example.org`;
    const client = new TestClient(t);
    const r = await client.post("/api/v1/auth/register", {
      lastName: "Кузнецова",
      firstName: "Мария",
      email,
      password: "Zebra#Lantern7",
      consent: true,
      consentVersion: PERSONAL_DATA_POLICY_VERSION,
    });
    expect(r.status).toBe(201);
    // Sending happens after the answer; wait for the message to arrive.
    for (let i = 0; i < 100 && !received.some((m) => m.to.includes(email)); i++) await new Promise((ok) => setTimeout(ok, 50));
    const message = received.find((m) => m.to.includes(email));
    expect(message).toBeDefined();
    expect(message?.from).toBe("no-reply@otmetka.test");
    const text = bodyText(message?.raw ?? "");
    expect(text).toContain("Ваш код подтверждения");
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await client.post("/api/v1/auth/register/confirm", { login: email, code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.me.email).toBe(email);
  });
});
