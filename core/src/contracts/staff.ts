import { z } from "zod";
import { endpoint } from "../api.ts";
import { PhoneRu } from "../rules/identifiers.ts";
import { Ok, OptionalText, Text, Uuid } from "./common.ts";

/** An e-mail address, trimmed and lower-cased. */
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Roles a staff member can hold; a class teacher is a teacher named on a class. */
export const StaffRole = z.enum(["admin", "teacher"]);
export type StaffRole = z.infer<typeof StaffRole>;

/** A class as other features name it: id and «5А». */
export const ClassRef = z.strictObject({
  id: Uuid,
  /** Grade and letter, e.g. «5А». */
  name: z.string(),
});
export type ClassRef = z.infer<typeof ClassRef>;

/** A subgroup of a class. */
export const GroupRef = z.strictObject({ id: Uuid, name: z.string() });

/** A user as other records name them. */
export const UserRef = z.strictObject({
  userId: Uuid,
  /** «Фамилия Имя Отчество». */
  displayName: z.string(),
});

export const StaffMember = z.strictObject({
  userId: Uuid,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Active staff roles in this school; empty once archived. */
  roles: z.array(StaffRole),
  /** The account has no password yet: the invitation was not used. */
  invited: z.boolean(),
  /** No active staff role left in this school. */
  archived: z.boolean(),
  /** Classes this teacher leads (классный руководитель). */
  classTeacherOf: z.array(ClassRef),
  abilities: z.strictObject({
    /** Change roles. */
    edit: z.boolean(),
    /** Change ФИО and contacts: only for an account no other school uses. */
    editProfile: z.boolean(),
    archive: z.boolean(),
    /** Send the invitation again (the account has no password yet). */
    invite: z.boolean(),
  }),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffInput = z.strictObject({
  lastName: Text(100),
  firstName: Text(100),
  /** Отчество; empty when there is none. */
  middleName: OptionalText(100),
  /** Login e-mail; e-mail and/or phone is required. */
  email: Email.optional(),
  /** Login phone, Russian, stored as +7XXXXXXXXXX. */
  phone: PhoneRu.optional(),
  roles: z.array(StaffRole).min(1).max(2),
});
export type CreateStaffInput = z.infer<typeof CreateStaffInput>;

export const UpdateStaffInput = z.strictObject({
  lastName: Text(100).optional(),
  firstName: Text(100).optional(),
  middleName: z.string().trim().max(100).optional(),
  /** New login e-mail; null removes it (a phone must remain). */
  email: Email.nullable().optional(),
  phone: PhoneRu.nullable().optional(),
  roles: z.array(StaffRole).min(1).max(2).optional(),
});
export type UpdateStaffInput = z.infer<typeof UpdateStaffInput>;

export const StaffQuery = z.strictObject({
  /** Only holders of this role. */
  role: StaffRole.optional(),
  /** Also list former staff. */
  includeArchived: z.stringbool().optional(),
});

const StaffParams = z.strictObject({ userId: Uuid });

export const TeachingAssignmentView = z.strictObject({
  id: Uuid,
  teacher: UserRef,
  class: ClassRef,
  /** The subgroup taught, or null for the whole class. */
  group: GroupRef.nullable(),
  subject: z.strictObject({ id: Uuid, name: z.string(), shortName: z.string() }),
  archived: z.boolean(),
  abilities: z.strictObject({ archive: z.boolean() }),
});
export type TeachingAssignmentView = z.infer<typeof TeachingAssignmentView>;

export const CreateTeachingAssignmentInput = z.strictObject({
  teacherId: Uuid,
  classId: Uuid,
  /** A subgroup of the class, or omitted for the whole class. */
  groupId: Uuid.nullable().optional(),
  subjectId: Uuid,
});
export type CreateTeachingAssignmentInput = z.infer<typeof CreateTeachingAssignmentInput>;

export const TeachingAssignmentQuery = z.strictObject({
  classId: Uuid.optional(),
  teacherId: Uuid.optional(),
  includeArchived: z.stringbool().optional(),
});

export const MyTeaching = z.strictObject({
  /** Active assignments of the signed-in teacher. */
  assignments: z.array(TeachingAssignmentView),
  /** Classes the teacher leads as class teacher. */
  classesLed: z.array(ClassRef),
});
export type MyTeaching = z.infer<typeof MyTeaching>;

export const staffEndpoints = {
  listStaff: endpoint({
    method: "GET",
    path: "/api/v1/staff",
    summary: "Staff of the school (administrators and teachers)",
    tag: "staff",
    query: StaffQuery,
    output: z.strictObject({ items: z.array(StaffMember) }),
  }),
  createStaff: endpoint({
    method: "POST",
    path: "/api/v1/staff",
    summary: "Add a staff member (or give an existing account a staff role) and send an invitation",
    tag: "staff",
    body: CreateStaffInput,
    output: StaffMember,
    status: 201,
  }),
  getStaff: endpoint({
    method: "GET",
    path: "/api/v1/staff/:userId",
    summary: "One staff member",
    tag: "staff",
    params: StaffParams,
    output: StaffMember,
  }),
  updateStaff: endpoint({
    method: "PATCH",
    path: "/api/v1/staff/:userId",
    summary: "Change a staff member's ФИО, contacts or roles",
    tag: "staff",
    params: StaffParams,
    body: UpdateStaffInput,
    output: StaffMember,
  }),
  archiveStaff: endpoint({
    method: "POST",
    path: "/api/v1/staff/:userId/archive",
    summary: "End a staff member's roles in the school (and their teaching assignments)",
    tag: "staff",
    params: StaffParams,
    output: StaffMember,
  }),
  resendInvitation: endpoint({
    method: "POST",
    path: "/api/v1/staff/:userId/invitation",
    summary: "Send the invitation to set a password again",
    tag: "staff",
    params: StaffParams,
    output: Ok,
  }),
  listAssignments: endpoint({
    method: "GET",
    path: "/api/v1/teaching-assignments",
    summary: "Teaching assignments (teacher × class or subgroup × subject), by class or by teacher",
    tag: "staff",
    query: TeachingAssignmentQuery,
    output: z.strictObject({ items: z.array(TeachingAssignmentView) }),
  }),
  createAssignment: endpoint({
    method: "POST",
    path: "/api/v1/teaching-assignments",
    summary: "Assign a teacher to teach a subject to a class or subgroup",
    tag: "staff",
    body: CreateTeachingAssignmentInput,
    output: TeachingAssignmentView,
    status: 201,
  }),
  archiveAssignment: endpoint({
    method: "POST",
    path: "/api/v1/teaching-assignments/:assignmentId/archive",
    summary: "End a teaching assignment",
    tag: "staff",
    params: z.strictObject({ assignmentId: Uuid }),
    output: TeachingAssignmentView,
  }),
  myTeaching: endpoint({
    method: "GET",
    path: "/api/v1/me/teaching",
    summary: "What the signed-in teacher teaches and which classes they lead",
    tag: "staff",
    output: MyTeaching,
  }),
};
