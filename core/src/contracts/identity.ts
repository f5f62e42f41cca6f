import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Locale, Ok, OptionalText, Text } from "./common.ts";
import { MeView } from "./auth.ts";

/**
 * Identity beyond sign-in: parent self-registration, password reset and change, the second
 * factor (TOTP, recovery codes, e-mail/SMS codes) and the user's own sessions.
 */

/**
 * Version of the personal data processing policy (152-ФЗ ст. 9) a registering person agrees to.
 * The web shows this version's text; the server accepts consent only to the current version.
 */
export const PERSONAL_DATA_POLICY_VERSION = "2026-09-01";

/** Six digits sent by e-mail or SMS. */
const NumericCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/);
/** E-mail or phone number as the person typed it. */
const Login = z.string().trim().min(1).max(254);
/** A new password as typed; the policy (core/src/rules/password.ts) is checked by the server. */
const NewPassword = z.string().min(1).max(256);

export const RegisterInput = z.strictObject({
  /** Фамилия. */
  lastName: Text(100),
  /** Имя. */
  firstName: Text(100),
  /** Отчество, if any. */
  middleName: OptionalText(100),
  /** E-mail; the confirmation code goes here when given. At least one of e-mail and phone. */
  email: z.email().max(254).optional(),
  /** Russian mobile number in any common format; gets the code by SMS when no e-mail is given. */
  phone: z.string().trim().min(1).max(32).optional(),
  /** The chosen password; must satisfy the password policy. */
  password: NewPassword,
  /** Birth date, used only to keep it out of the password. */
  birthDate: IsoDate.optional(),
  /** Agreement to the processing of personal data; must be true. */
  consent: z.literal(true),
  /** The policy version agreed to; must equal PERSONAL_DATA_POLICY_VERSION. */
  consentVersion: Text(40),
  /** Language of the messages and of the interface. */
  locale: Locale.optional(),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

/** The same answer whether or not the e-mail or phone already had an account. */
export const CodeSent = z.strictObject({
  /** Where the code went: e-mail or SMS. */
  channel: z.enum(["email", "sms"]),
  /** The address or number, partly hidden (`iv***@mail.ru`, `+7 916 ***-**-67`). */
  destination: z.string(),
  /** How long the code stays valid. */
  codeTtlSeconds: z.number().int(),
  /** Wait this long before asking for another code. */
  resendAfterSeconds: z.number().int(),
});
export type CodeSent = z.infer<typeof CodeSent>;

export const ConfirmRegistrationInput = z.strictObject({
  /** The e-mail or phone given at registration. */
  login: Login,
  /** The six-digit code from the message. */
  code: NumericCode,
});

export const LoginOnlyInput = z.strictObject({
  /** E-mail or phone number of the account. */
  login: Login,
});

export const PasswordResetRequested = z.strictObject({
  /** How the instructions were sent: a link by e-mail or a code by SMS. */
  channel: z.enum(["email", "sms"]),
});

export const PasswordResetInput = z.strictObject({
  /** The token from the e-mailed link (`/reset?token=…`), or … */
  token: z.string().trim().min(16).max(128).optional(),
  /** … the phone (or e-mail) the SMS code was requested for, together with `code`. */
  login: Login.optional(),
  /** The six-digit SMS code. */
  code: NumericCode.optional(),
  /** The new password. */
  password: NewPassword,
});
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;

export const ChangePasswordInput = z.strictObject({
  /** The password in use now. */
  currentPassword: z.string().min(1).max(256),
  /** The new password; must satisfy the password policy. */
  newPassword: NewPassword,
});

export const MfaSendInput = z.strictObject({
  /** Where to send the one-time sign-in code. */
  method: z.enum(["email", "sms"]),
});

export const TotpSetup = z.strictObject({
  /** Base32 secret, for typing into an authenticator app by hand. */
  secret: z.string(),
  /** `otpauth://totp/…` URI, shown as a QR code. */
  otpauthUri: z.string(),
});

export const TotpEnableInput = z.strictObject({
  /** The current six-digit code from the authenticator app. */
  code: NumericCode,
});

export const RecoveryCodes = z.strictObject({
  /** Ten single-use codes, shown once; each can replace an authenticator code at sign-in. */
  recoveryCodes: z.array(z.string()),
});

export const PasswordInput = z.strictObject({
  /** The user's current password, to confirm a sensitive change. */
  password: z.string().min(1).max(256),
});

/** A short public id of a session (not its secret, not the stored hash). */
export const SessionId = z.string().regex(/^[0-9a-f]{16}$/);

export const SessionView = z.strictObject({
  id: SessionId,
  /** When the session was opened (sign-in). */
  createdAt: z.iso.datetime(),
  /** Last request, to the minute. */
  lastSeenAt: z.iso.datetime(),
  /** IP address the session was opened from. */
  ip: z.string(),
  /** Browser and device as the browser reported them. */
  userAgent: z.string(),
  /** This is the session making the request. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const identityEndpoints = {
  register: endpoint({
    method: "POST",
    path: "/api/v1/auth/register",
    summary: "Register as a parent; a confirmation code is sent by e-mail or SMS",
    tag: "auth",
    body: RegisterInput,
    output: CodeSent,
    status: 201,
  }),
  confirmRegistration: endpoint({
    method: "POST",
    path: "/api/v1/auth/register/confirm",
    summary: "Confirm the e-mail or phone with the code; activates the account and signs in",
    tag: "auth",
    body: ConfirmRegistrationInput,
    output: z.strictObject({ status: z.literal("ok"), me: MeView }),
  }),
  resendConfirmation: endpoint({
    method: "POST",
    path: "/api/v1/auth/register/resend",
    summary: "Send a new confirmation code (at most once a minute)",
    tag: "auth",
    body: LoginOnlyInput,
    output: Ok,
  }),
  requestPasswordReset: endpoint({
    method: "POST",
    path: "/api/v1/auth/password-reset",
    summary: "Send a password reset link (e-mail) or code (SMS)",
    tag: "auth",
    body: LoginOnlyInput,
    output: PasswordResetRequested,
  }),
  confirmPasswordReset: endpoint({
    method: "POST",
    path: "/api/v1/auth/password-reset/confirm",
    summary: "Set a new password with the reset token or SMS code; ends all sessions",
    tag: "auth",
    body: PasswordResetInput,
    output: Ok,
  }),
  sendMfaCode: endpoint({
    method: "POST",
    path: "/api/v1/auth/mfa/send",
    summary: "Send a one-time sign-in code by e-mail or SMS (second factor)",
    tag: "auth",
    body: MfaSendInput,
    output: CodeSent,
  }),
  changePassword: endpoint({
    method: "POST",
    path: "/api/v1/me/password",
    summary: "Change the password; ends the user's other sessions",
    tag: "account",
    body: ChangePasswordInput,
    output: Ok,
  }),
  setupTotp: endpoint({
    method: "POST",
    path: "/api/v1/me/mfa/totp/setup",
    summary: "Start setting up an authenticator app: a new secret and its otpauth URI",
    tag: "account",
    output: TotpSetup,
  }),
  enableTotp: endpoint({
    method: "POST",
    path: "/api/v1/me/mfa/totp/enable",
    summary: "Turn on two-factor sign-in with a code from the app; returns recovery codes once",
    tag: "account",
    body: TotpEnableInput,
    output: RecoveryCodes,
  }),
  disableMfa: endpoint({
    method: "POST",
    path: "/api/v1/me/mfa/disable",
    summary: "Turn off two-factor sign-in (needs the password)",
    tag: "account",
    body: PasswordInput,
    output: Ok,
  }),
  listSessions: endpoint({
    method: "GET",
    path: "/api/v1/me/sessions",
    summary: "The user's open sessions",
    tag: "account",
    output: z.array(SessionView),
  }),
  revokeSession: endpoint({
    method: "DELETE",
    path: "/api/v1/me/sessions/:id",
    summary: "End one of the user's sessions",
    tag: "account",
    params: z.strictObject({ id: SessionId }),
    output: Ok,
  }),
  revokeOtherSessions: endpoint({
    method: "POST",
    path: "/api/v1/me/sessions/revoke-others",
    summary: "End every session of the user except this one",
    tag: "account",
    output: z.strictObject({
      /** How many sessions were ended. */
      revoked: z.number().int(),
    }),
  }),
};
