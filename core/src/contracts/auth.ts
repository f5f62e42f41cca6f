import { z } from "zod";
import { endpoint } from "../api.ts";
import { Locale, Ok, Role, Uuid } from "./common.ts";

/** A school membership of the signed-in user. */
export const MembershipView = z.strictObject({
  schoolId: Uuid,
  schoolName: z.string(),
  role: Role,
  /** Classes this teacher leads as class teacher (классный руководитель). */
  classTeacherOf: z.array(Uuid),
});

export const MeView = z.strictObject({
  userId: Uuid,
  /** Full name as shown in the interface. */
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Locale,
  memberships: z.array(MembershipView),
  /** The school the session currently works in, if the user belongs to one. */
  currentSchoolId: Uuid.nullable(),
  /** Roles of the user in the current school. */
  roles: z.array(Role),
  mfaEnabled: z.boolean(),
  /**
   * The school requires staff to use a second factor and this user has none yet: until they set
   * one up, every route except me, logout and the TOTP setup answers 403 `mfa_required`.
   */
  mfaSetupRequired: z.boolean(),
  /** What the interface may offer; computed by the server's policies. */
  abilities: z.record(z.string(), z.boolean()),
});
export type MeView = z.infer<typeof MeView>;

export const LoginInput = z.strictObject({
  /** E-mail or phone number. */
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const LoginResult = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("ok"), me: MeView }),
  z.strictObject({
    status: z.literal("mfa_required"),
    /** Second-factor methods the user can answer with. */
    methods: z.array(z.enum(["totp", "email", "sms", "recovery"])),
  }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

export const MfaInput = z.strictObject({
  method: z.enum(["totp", "email", "sms", "recovery"]),
  code: z.string().trim().min(4).max(32),
});

export const authEndpoints = {
  login: endpoint({
    method: "POST",
    path: "/api/v1/auth/login",
    summary: "Sign in with e-mail or phone and password",
    tag: "auth",
    body: LoginInput,
    output: LoginResult,
  }),
  completeMfa: endpoint({
    method: "POST",
    path: "/api/v1/auth/mfa",
    summary: "Complete sign-in with a second-factor code",
    tag: "auth",
    body: MfaInput,
    output: z.strictObject({ status: z.literal("ok"), me: MeView }),
  }),
  logout: endpoint({
    method: "POST",
    path: "/api/v1/auth/logout",
    summary: "End the current session",
    tag: "auth",
    output: Ok,
  }),
  me: endpoint({
    method: "GET",
    path: "/api/v1/me",
    summary: "The signed-in user, their schools and roles",
    tag: "auth",
    output: MeView,
  }),
};
