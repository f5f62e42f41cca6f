import type { Locale } from "@otmetka/core/contracts/common.ts";
import { type CodeSent, PERSONAL_DATA_POLICY_VERSION, type RegisterInput } from "@otmetka/core/contracts/identity.ts";
import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import { MobilePhoneRu } from "@otmetka/core/rules/identifiers.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import { createSession } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { passwordIssues } from "./accounts.policy.ts";
import { type UserRow, unsafeFindUserByLogin } from "./accounts.queries.ts";
import { type ClientInfo, parseLogin } from "./accounts.service.ts";
import {
  confirmationCodeMail,
  confirmationCodeSms,
  duplicateRegistrationMail,
  duplicateRegistrationSms,
  maskEmail,
  maskPhone,
} from "./identity.messages.ts";
import {
  CODE_TTL_MS,
  type CodePurpose,
  checkNumericCode,
  codeError,
  consumeCode,
  issueNumericCode,
  RESEND_COOLDOWN_SECONDS,
  secondsUntilNextCode,
} from "./one-time-codes.service.ts";

/**
 * Parent self-registration. The account starts 'pending' and becomes active when the person
 * enters the code sent to their e-mail (or, with no e-mail, by SMS to their mobile).
 *
 * Account enumeration: registering with an e-mail or phone that already has an account gets
 * exactly the answer of a new registration, and the password is hashed either way so the timing
 * matches too. Instead of a code, the existing owner gets a notice ("someone tried to register
 * with your address; sign in or reset the password"). Nothing about the existing account
 * changes — not even a pending one: its password may have been set by someone else, and only the
 * password reset (which proves the address) takes a pending account over.
 */

export type AfterCommit = (fn: () => Promise<void>) => void;

const CODE_MINUTES = CODE_TTL_MS / 60_000;

/** Normalised login fields of a registration, or every problem with the input. */
function readRegistration(input: RegisterInput, today: string): { email: string | null; phone: string | null; issues: ErrorIssue[] } {
  const issues: ErrorIssue[] = [];
  const email = input.email?.trim().toLowerCase() ?? null;
  let phone: string | null = null;
  if (input.phone !== undefined) {
    const parsed = MobilePhoneRu.safeParse(input.phone);
    if (parsed.success) phone = parsed.data;
    else {
      const code = parsed.error.issues[0]?.message ?? "invalid_phone";
      issues.push({ path: ["body", "phone"], code, message: "Give a Russian mobile number, e.g. +7 916 123-45-67" });
    }
  }
  if (!email && input.phone === undefined) {
    issues.push({ path: ["body", "email"], code: "login_required", message: "Give an e-mail or a mobile phone number" });
  }
  if (input.consentVersion !== PERSONAL_DATA_POLICY_VERSION) {
    issues.push({ path: ["body", "consentVersion"], code: "outdated_consent", message: "Agree to the current personal data policy" });
  }
  if (input.birthDate !== undefined && (input.birthDate > today || input.birthDate < "1900-01-01")) {
    issues.push({ path: ["body", "birthDate"], code: "invalid_birth_date", message: "Not a possible birth date" });
  }
  const names = [input.lastName, input.firstName, input.middleName ?? ""];
  issues.push(
    ...passwordIssues(input.password, { names, email, phone: phone ?? input.phone, birthDate: input.birthDate }, ["body", "password"]),
  );
  return { email, phone, issues };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

export async function register(app: AppContext, input: RegisterInput, client: ClientInfo, afterCommit: AfterCommit): Promise<CodeSent> {
  const now = app.now();
  const { email, phone, issues } = readRegistration(input, now.toISOString().slice(0, 10));
  if (issues.length > 0) throw new AppError("validation_failed", "The registration has problems", { issues });
  const passwordHash = await hashPassword(input.password);
  const locale: Locale = input.locale ?? "ru";
  const channel = email ? "email" : "sms";
  const answer: CodeSent = {
    channel,
    destination: email ? maskEmail(email) : maskPhone(phone ?? ""),
    codeTtlSeconds: CODE_TTL_MS / 1000,
    resendAfterSeconds: RESEND_COOLDOWN_SECONDS,
  };
  try {
    await app.db.transaction(async (tx) => {
      const matches = [...(email ? [sql`lower(email) = ${email}`] : []), ...(phone ? [sql`phone = ${phone}`] : [])];
      const existing = await tx.many<UserRow>(sql`select * from users where ${sql.join(matches, " or ")}`);
      if (existing.length > 0) {
        for (const user of existing) await noticeExistingOwner(tx, app, user, { email, phone }, client, afterCommit);
        return;
      }
      const user = await tx.one<{ id: string }>(sql`
        insert into users (email, phone, password_hash, last_name, first_name, middle_name, birth_date, locale, status, password_changed_at, created_at)
        values (${email}, ${phone}, ${passwordHash}, ${input.lastName}, ${input.firstName}, ${input.middleName ?? ""},
                ${input.birthDate ?? null}, ${locale}, 'pending', ${now.toISOString()}, ${now.toISOString()})
        returning id`);
      await recordEvent(tx, {
        schoolId: null,
        actorUserId: user.id,
        entity: "user",
        entityId: user.id,
        action: "register",
        after: { channel, consent: { version: input.consentVersion, at: now.toISOString() }, ip: client.ip, userAgent: client.userAgent },
        requestId: client.requestId,
      });
      await sendConfirmationCode(tx, app, { id: user.id, email, phone, locale }, now, afterCommit);
    });
  } catch (error) {
    // A parallel registration with the same address won the race: answer as for any existing account.
    if (!isUniqueViolation(error)) throw error;
  }
  return answer;
}

async function sendConfirmationCode(
  tx: Db,
  app: AppContext,
  user: { id: string; email: string | null; phone: string | null; locale: Locale },
  now: Date,
  afterCommit: AfterCommit,
): Promise<void> {
  const purpose: CodePurpose = user.email ? "confirm_email" : "confirm_phone";
  const destination = user.email ?? user.phone;
  if (!destination) return;
  const code = await issueNumericCode(tx, app, {
    userId: user.id,
    purpose,
    channel: user.email ? "email" : "sms",
    destination,
    ttlMs: CODE_TTL_MS,
    now,
  });
  afterCommit(() =>
    user.email
      ? app.mailer.send({ to: destination, ...confirmationCodeMail(user.locale, code, CODE_MINUTES) })
      : app.sms.send(destination, confirmationCodeSms(user.locale, code)),
  );
}

/** Tells the owner of an address someone tried to register with it; at most once a minute. */
async function noticeExistingOwner(
  tx: Db,
  app: AppContext,
  user: UserRow,
  tried: { email: string | null; phone: string | null },
  client: ClientInfo,
  afterCommit: AfterCommit,
): Promise<void> {
  const now = app.now();
  const recent = await tx.maybeOne<{ found: number }>(sql`
    select 1 as found from events
    where school_id = '00000000-0000-0000-0000-000000000000' and entity = 'user' and entity_id = ${user.id}
      and action = 'register.duplicate' and occurred_at > ${new Date(now.getTime() - RESEND_COOLDOWN_SECONDS * 1000).toISOString()}
    limit 1`);
  if (recent) return;
  const byEmail = tried.email !== null && user.email?.toLowerCase() === tried.email;
  await recordEvent(tx, {
    schoolId: null,
    actorUserId: null,
    entity: "user",
    entityId: user.id,
    action: "register.duplicate",
    after: { channel: byEmail ? "email" : "sms", ip: client.ip },
    requestId: client.requestId,
  });
  const to = byEmail ? user.email : user.phone;
  if (!to) return;
  afterCommit(() =>
    byEmail
      ? app.mailer.send({ to, ...duplicateRegistrationMail(user.locale, app.config.publicUrl) })
      : app.sms.send(to, duplicateRegistrationSms(user.locale, app.config.publicUrl)),
  );
}

/** Activates a pending account with its code and opens a session; returns the session token. */
export async function confirmRegistration(app: AppContext, input: { login: string; code: string }, client: ClientInfo): Promise<string> {
  const now = app.now();
  const user = await unsafeFindUserByLogin(app.db, parseLogin(input.login));
  if (user?.status !== "pending") throw codeError("invalid_code");
  const check = await checkNumericCode(app, { userId: user.id, purposes: ["confirm_email", "confirm_phone"], code: input.code, now });
  if (!check.ok) throw codeError(check.problem);
  return app.db.transaction(async (tx) => {
    if (!(await consumeCode(tx, check.codeId, now))) throw codeError("invalid_code");
    const verified =
      check.channel === "email" ? sql`email_verified_at = ${now.toISOString()}` : sql`phone_verified_at = ${now.toISOString()}`;
    await tx.execute(sql`update users set status = 'active', ${verified} where id = ${user.id}`);
    const token = await createSession(tx, {
      userId: user.id,
      schoolId: null,
      ip: client.ip,
      userAgent: client.userAgent,
      mfaPending: false,
      ttlHours: app.config.sessionTtlHours,
      maxSessions: DEFAULT_SCHOOL_SETTINGS.maxSessions,
      now,
    });
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "register.confirm",
      after: { channel: check.channel, ip: client.ip },
      requestId: client.requestId,
    });
    return token;
  });
}

/** Sends a new confirmation code to a pending account; silently nothing for any other login or within the cool-down. */
export async function resendConfirmation(app: AppContext, login: string, client: ClientInfo, afterCommit: AfterCommit): Promise<void> {
  const now = app.now();
  const user = await unsafeFindUserByLogin(app.db, parseLogin(login));
  if (user?.status !== "pending") return;
  await app.db.transaction(async (tx) => {
    if ((await secondsUntilNextCode(tx, user.id, user.email ? "confirm_email" : "confirm_phone", now)) > 0) return;
    await sendConfirmationCode(tx, app, user, now, afterCommit);
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: null,
      entity: "user",
      entityId: user.id,
      action: "register.resend",
      after: { ip: client.ip },
      requestId: client.requestId,
    });
  });
}
