import type { Role } from "@otmetka/core/contracts/common.ts";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.ts";
import {
  assignmentAbilities,
  canReadRoster,
  canSetStaffRoles,
  enrolmentAbilities,
  staffAbilities,
  studentAbilities,
} from "./people.policy.ts";

const actor = (roles: Role[], userId = "me"): Actor => ({
  userId,
  sessionIdHash: "x",
  displayName: "X",
  schoolId: "s",
  roles,
  classTeacherOf: [],
});
const ROLES: Role[] = ["admin", "teacher", "parent", "student"];

describe("people policy", () => {
  it("lets only an admin change staff, students, enrolments and assignments", () => {
    for (const role of ROLES) {
      const a = actor([role]);
      const isAdmin = role === "admin";
      expect(staffAbilities(a, { userId: "u", archived: false, invited: true, otherSchools: 0 })).toEqual({
        edit: isAdmin,
        editProfile: isAdmin,
        archive: isAdmin,
        invite: isAdmin,
      });
      expect(studentAbilities(a, { archived: false, hasAccount: false }).edit).toBe(isAdmin);
      expect(enrolmentAbilities(a, { endsOn: null, studentArchived: false }).end).toBe(isAdmin);
      expect(assignmentAbilities(a, { archived: false }).archive).toBe(isAdmin);
    }
  });

  it("protects shared accounts, the admin themself, and archived records", () => {
    const admin = actor(["admin"]);
    expect(staffAbilities(admin, { userId: "u", archived: false, invited: false, otherSchools: 1 })).toEqual({
      edit: true,
      editProfile: false,
      archive: true,
      invite: false,
    });
    expect(staffAbilities(admin, { userId: "me", archived: false, invited: false, otherSchools: 0 }).archive).toBe(false);
    expect(staffAbilities(admin, { userId: "u", archived: true, invited: true, otherSchools: 0 })).toEqual({
      edit: false,
      editProfile: false,
      archive: false,
      invite: false,
    });
    expect(canSetStaffRoles(admin, "me", ["teacher"])).toBe(false);
    expect(canSetStaffRoles(admin, "me", ["admin", "teacher"])).toBe(true);
    expect(canSetStaffRoles(admin, "u", ["teacher"])).toBe(true);
    expect(studentAbilities(admin, { archived: true, hasAccount: false })).toEqual({
      edit: false,
      archive: false,
      createAccount: false,
      enrol: false,
      addGuardian: false,
    });
    expect(studentAbilities(admin, { archived: false, hasAccount: true }).createAccount).toBe(false);
    expect(enrolmentAbilities(admin, { endsOn: "2027-01-01", studentArchived: false })).toEqual({ end: false, transfer: false });
  });

  it("shows a roster to admins and to teachers who lead or teach the class", () => {
    const led = { classTeacherId: "me", taughtByActor: false };
    const taught = { classTeacherId: "other", taughtByActor: true };
    const neither = { classTeacherId: null, taughtByActor: false };
    expect([led, taught, neither].map((c) => canReadRoster(actor(["admin"]), c))).toEqual([true, true, true]);
    expect([led, taught, neither].map((c) => canReadRoster(actor(["teacher"]), c))).toEqual([true, true, false]);
    expect([led, taught, neither].map((c) => canReadRoster(actor(["parent"]), c))).toEqual([false, false, false]);
    expect([led, taught, neither].map((c) => canReadRoster(actor(["student"]), c))).toEqual([false, false, false]);
  });
});
