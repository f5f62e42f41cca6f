import type { PasswordResetInput } from "@otmetka/core/contracts/identity.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { isMobilePhone } from "@otmetka/core/rules/identifiers.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import type { AppContext } from "../../platform/context.ts";
import { sql } from "../../platform/db/sql.ts";
import { passwordContextOf, passwordIssues } from "./accounts.policy.ts";
import { type UserRow, unsafeFindUserByLogin } from "./accounts.queries.ts";
import { type ClientInfo, lockedError, parseLogin, recordFailedLogin } from "./accounts.service.ts";
import { passwordChangedMail, resetCodeSms, resetLinkMail } from "./identity.messages.ts";
import {
  CODE_TTL_MS,
  type Channel,
  checkNumericCode,
  codeError,
  consumeCode,
  findResetToken,
  issueNumericCode,
  issueResetToken,
  secondsUntilNextCode,
} from "./one-time-codes.service.ts";
import type { AfterCommit } from "./registration.service.ts";
import { endSessionsOfUser } from "./sessions.service.ts";

/**
 * Password reset (a link by e-mail, a code by SMS) and password change. The reset request
 * answers the same whether or not the account exists. A reset token is the same kind staff
 * invitations create (sha-256 of a 256-bit token, purpose reset_password), so an invited member
 * of staff sets their first password through the same confirm endpoint; since the link proves the
 * address, it also activates a pending account.
 */

/** Sends reset instructions; the answer (the channel) depends only on what was typed. */
export async function requestPasswordReset(
  app: AppContext,
  rawLogin: string,
  client: ClientInfo,
  afterCommit: AfterCommit,
): Promise<{ channel: Channel }> {
  const login = parseLogin(rawLogin);
  if (!login.email && !login.phone) {
    throw new AppError("validation_failed", "Give an e-mail or a Russian phone number", {
      issues: [{ path: ["body", "login"], code: "invalid_login", message: "Not an e-mail or a Russian phone number" }],
    });
  }
  const channel: Channel = login.email ? "email" : "sms";
  const now = app.now();
  const user = await unsafeFindUserByLogin(app.db, login);
  if (!user || user.status === "disabled") return { channel };
  const to = channel === "email" ? user.email : user.phone;
  if (!to || (channel === "sms" && !isMobilePhone(to))) return { channel };
  await app.db.transaction(async (tx) => {
    if ((await secondsUntilNextCode(tx, user.id, "reset_password", now)) > 0) return;
    const minutes = CODE_TTL_MS / 60_000;
    if (channel === "email") {
      const token = await issueResetToken(tx, { userId: user.id, destination: to, ttlMs: CODE_TTL_MS, now });
      const link = `${app.config.publicUrl}/reset?token=${token}`;
      afterCommit(() => app.mailer.send({ to, ...resetLinkMail(user.locale, link, minutes) }));
    } else {
      const code = await issueNumericCode(tx, app, {
        userId: user.id,
        purpose: "reset_password",
        channel,
        destination: to,
        ttlMs: CODE_TTL_MS,
        now,
      });
      afterCommit(() => app.sms.send(to, resetCodeSms(user.locale, code)));
    }
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: null,
      entity: "user",
      entityId: user.id,
      action: "password_reset.request",
      after: { channel, ip: client.ip },
      requestId: client.requestId,
    });
  });
  return { channel };
}

/** Sets the new password from a reset token or SMS code; ends every session and the lockout. */
export async function confirmPasswordReset(
  app: AppContext,
  input: PasswordResetInput,
  client: ClientInfo,
  afterCommit: AfterCommit,
): Promise<void> {
  const now = app.now();
  const proof = await proveReset(app, input, now);
  const user = await app.db.one<UserRow & { email_verified_at: Date | null; phone_verified_at: Date | null }>(
    sql`select * from users where id = ${proof.userId}`,
  );
  const issues = passwordIssues(input.password, passwordContextOf(user), ["body", "password"]);
  if (issues.length > 0) throw new AppError("validation_failed", "The new password does not meet the policy", { issues });
  const passwordHash = await hashPassword(input.password);
  await app.db.transaction(async (tx) => {
    if (!(await consumeCode(tx, proof.codeId, now)))
      throw codeError(input.token ? "invalid_token" : "invalid_code", input.token ? "token" : "code");
    const verified =
      proof.channel === "email"
        ? sql`email_verified_at = coalesce(email_verified_at, ${now.toISOString()})`
        : sql`phone_verified_at = coalesce(phone_verified_at, ${now.toISOString()})`;
    await tx.execute(sql`
      update users set password_hash = ${passwordHash}, password_changed_at = ${now.toISOString()}, failed_logins = 0, locked_until = null,
                       status = case when status = 'pending' then 'active' else status end, ${verified}
      where id = ${user.id}`);
    const ended = await endSessionsOfUser(tx, user.id, now);
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "password_reset",
      after: { channel: proof.channel, sessionsEnded: ended, activated: user.status === "pending", ip: client.ip },
      requestId: client.requestId,
    });
  });
  if (user.email) afterCommit(() => app.mailer.send({ to: user.email ?? "", ...passwordChangedMail(user.locale, app.config.publicUrl) }));
}

async function proveReset(
  app: AppContext,
  input: PasswordResetInput,
  now: Date,
): Promise<{ codeId: string; userId: string; channel: Channel }> {
  if (input.token !== undefined) {
    const match = await findResetToken(app.db, input.token, now);
    if ("problem" in match) throw codeError(match.problem, "token");
    const user = await app.db.maybeOne<{ status: string }>(sql`select status from users where id = ${match.userId}`);
    if (!user || user.status === "disabled") throw codeError("invalid_token", "token");
    return match;
  }
  if (input.login === undefined || input.code === undefined) {
    throw new AppError("validation_failed", "Give the token from the link, or the login and the code from the SMS", {
      issues: [{ path: ["body", "token"], code: "token_or_code_required", message: "Give the token, or the login and the code" }],
    });
  }
  const user = await unsafeFindUserByLogin(app.db, parseLogin(input.login));
  if (!user || user.status === "disabled") throw codeError("invalid_code");
  const check = await checkNumericCode(app, { userId: user.id, purposes: ["reset_password"], channel: "sms", code: input.code, now });
  if (!check.ok) throw codeError(check.problem);
  return { codeId: check.codeId, userId: user.id, channel: check.channel };
}

/**
 * Changes the password of the signed-in user after checking the current one. A wrong current
 * password counts towards the sign-in lockout (a stolen session must not become a password
 * oracle). Ends the user's other sessions.
 */
export async function changePassword(
  app: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
  afterCommit: AfterCommit,
): Promise<void> {
  const now = app.now();
  const user = await verifyCurrentPassword(app, actor.userId, input.currentPassword, "currentPassword", client);
  const issues = passwordIssues(input.newPassword, passwordContextOf(user), ["body", "newPassword"]);
  if (issues.length > 0) throw new AppError("validation_failed", "The new password does not meet the policy", { issues });
  const passwordHash = await hashPassword(input.newPassword);
  await app.db.transaction(async (tx) => {
    await tx.execute(
      sql`update users set password_hash = ${passwordHash}, password_changed_at = ${now.toISOString()} where id = ${user.id}`,
    );
    const ended = await endSessionsOfUser(tx, user.id, now, actor.sessionIdHash);
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "password.change",
      after: { sessionsEnded: ended, ip: client.ip },
      requestId: client.requestId,
    });
  });
  if (user.email) afterCommit(() => app.mailer.send({ to: user.email ?? "", ...passwordChangedMail(user.locale, app.config.publicUrl) }));
}

/**
 * The user's row when `password` is theirs; otherwise the failure is counted like a failed
 * sign-in and a 400 names the field (or 423 once the account is locked).
 */
export async function verifyCurrentPassword(
  app: AppContext,
  userId: string,
  password: string,
  field: string,
  client: ClientInfo,
): Promise<UserRow> {
  const now = app.now();
  const user = await app.db.one<UserRow>(sql`select * from users where id = ${userId}`);
  if (user.locked_until && new Date(user.locked_until) > now) throw lockedError(user.locked_until, now);
  if (await verifyPassword(user.password_hash, password)) return user;
  await recordFailedLogin(app, user, client, now);
  throw new AppError("validation_failed", "The password is wrong", {
    issues: [{ path: ["body", field], code: "wrong_password", message: "The password is wrong" }],
  });
}
