import { z } from "zod";
import { endpoint } from "../api.ts";
import {
  isValidBirthCertificate,
  isValidPassport,
  normalizeBirthCertificateNumber,
  normalizeBirthCertificateSeries,
  normalizePassport,
  PhoneRu,
  Snils,
} from "../rules/identifiers.ts";
import { IsoDate, Ok, OptionalText, Text, Uuid } from "./common.ts";
import { ClassRef, Email, GroupRef, UserRef } from "./staff.ts";

/** ЕСИА document types: RF birth certificate, foreign birth certificate, RF passport. */
export const DocumentType = z.enum(["RF_BRTH_CERT", "FID_BRTH_CERT", "RF_PASSPORT"]);
export type DocumentType = z.infer<typeof DocumentType>;

export const Gender = z.enum(["m", "f"]);

/**
 * An identity document as typed; normalised and checked by its type: an RF birth certificate
 * `IV-МЮ 123456` (look-alikes fixed), a passport `45 06 123456` stored as series 4 + number 6
 * digits, a foreign certificate as free text.
 */
export const DocumentInput = z
  .strictObject({
    type: DocumentType,
    /** Series: `IV-МЮ` for a birth certificate, 4 digits for a passport; may be empty for a foreign one. */
    series: z.string().trim().max(20).optional(),
    /** Number: 6 digits for RF documents. */
    number: z.string().trim().min(1).max(30),
  })
  .transform((d, ctx) => {
    if (d.type === "RF_BRTH_CERT") {
      const series = normalizeBirthCertificateSeries(d.series ?? "");
      const number = normalizeBirthCertificateNumber(d.number);
      const badSeries = !isValidBirthCertificate(series, "000000");
      const badNumber = !isValidBirthCertificate("I-АА", number);
      if (badSeries) ctx.issues.push({ code: "custom", message: "invalid_birth_certificate", input: d.series, path: ["series"] });
      if (badNumber) ctx.issues.push({ code: "custom", message: "invalid_birth_certificate", input: d.number, path: ["number"] });
      return badSeries || badNumber ? z.NEVER : { type: d.type, series, number };
    }
    if (d.type === "RF_PASSPORT") {
      const digits = normalizePassport(`${d.series ?? ""}${d.number}`);
      if (!isValidPassport(digits)) {
        ctx.issues.push({ code: "custom", message: "invalid_passport", input: d.number, path: ["number"] });
        return z.NEVER;
      }
      return { type: d.type, series: digits.slice(0, 4), number: digits.slice(4) };
    }
    return { type: d.type, series: d.series || null, number: d.number };
  });
export type DocumentInput = z.output<typeof DocumentInput>;

export const DocumentView = z.strictObject({
  type: DocumentType,
  series: z.string().nullable(),
  number: z.string(),
});

export const EnrolmentView = z.strictObject({
  id: Uuid,
  class: ClassRef,
  /** The subgroup, or null for the whole class. */
  group: GroupRef.nullable(),
  startsOn: IsoDate,
  /** Last day in the class (inclusive); null while it lasts. */
  endsOn: IsoDate.nullable(),
  /** The enrolment holds today. */
  current: z.boolean(),
  abilities: z.strictObject({ end: z.boolean(), transfer: z.boolean() }),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;

export const Relation = z.enum(["mother", "father", "parent", "guardian"]);
export type Relation = z.infer<typeof Relation>;

export const GuardianView = z.strictObject({
  userId: Uuid,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  relation: Relation,
  /** The admin who confirmed the link. */
  confirmedBy: UserRef.nullable(),
  confirmedAt: z.string().nullable(),
  /** The parent has not set a password yet. */
  invited: z.boolean(),
  abilities: z.strictObject({ unlink: z.boolean() }),
});
export type GuardianView = z.infer<typeof GuardianView>;

export const StudentCard = z.strictObject({
  id: Uuid,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  displayName: z.string(),
  birthDate: IsoDate,
  gender: Gender.nullable(),
  /** СНИЛС, 11 digits. */
  snils: z.string().nullable(),
  /** The СНИЛС is ≤ 001-001-998, where no checksum exists: check it by hand. */
  snilsNeedsReview: z.boolean(),
  document: DocumentView.nullable(),
  /** The student's own login account, if they have one. */
  account: z.strictObject({ userId: Uuid, email: z.string().nullable(), phone: z.string().nullable(), invited: z.boolean() }).nullable(),
  archived: z.boolean(),
  /** All enrolments, newest first. */
  enrolments: z.array(EnrolmentView),
  guardians: z.array(GuardianView),
  abilities: z.strictObject({
    edit: z.boolean(),
    archive: z.boolean(),
    createAccount: z.boolean(),
    enrol: z.boolean(),
    addGuardian: z.boolean(),
  }),
});
export type StudentCard = z.infer<typeof StudentCard>;

export const StudentListItem = z.strictObject({
  id: Uuid,
  displayName: z.string(),
  birthDate: IsoDate,
  /** The class the student is in today. */
  currentClass: ClassRef.nullable(),
  hasAccount: z.boolean(),
  archived: z.boolean(),
});
export type StudentListItem = z.infer<typeof StudentListItem>;

export const StudentQuery = z.strictObject({
  /** Part of the ФИО, or of the СНИЛС. */
  q: z.string().trim().max(100).optional(),
  /** Only students in this class today. */
  classId: Uuid.optional(),
  includeArchived: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const CreateStudentInput = z.strictObject({
  lastName: Text(100),
  firstName: Text(100),
  middleName: OptionalText(100),
  birthDate: IsoDate,
  gender: Gender.nullable().optional(),
  /** СНИЛС with or without separators; stored as 11 digits. */
  snils: Snils.nullable().optional(),
  document: DocumentInput.nullable().optional(),
});
export type CreateStudentInput = z.infer<typeof CreateStudentInput>;

export const UpdateStudentInput = z.strictObject({
  lastName: Text(100).optional(),
  firstName: Text(100).optional(),
  middleName: z.string().trim().max(100).optional(),
  birthDate: IsoDate.optional(),
  gender: Gender.nullable().optional(),
  /** null removes the СНИЛС. */
  snils: Snils.nullable().optional(),
  /** null removes the document. */
  document: DocumentInput.nullable().optional(),
});
export type UpdateStudentInput = z.infer<typeof UpdateStudentInput>;

/** Login contacts; e-mail and/or phone is required. */
export const ContactsInput = z.strictObject({
  email: Email.optional(),
  phone: PhoneRu.optional(),
});
export type ContactsInput = z.infer<typeof ContactsInput>;

export const EnrolInput = z.strictObject({
  studentId: Uuid,
  classId: Uuid,
  /** A subgroup of that class. */
  groupId: Uuid.nullable().optional(),
  /** First day in the class. */
  startsOn: IsoDate,
});
export type EnrolInput = z.infer<typeof EnrolInput>;

export const TransferInput = z.strictObject({
  classId: Uuid,
  groupId: Uuid.nullable().optional(),
  /** First day in the new class; the current enrolment ends the day before. */
  date: IsoDate,
});
export type TransferInput = z.infer<typeof TransferInput>;

export const EndEnrolmentInput = z.strictObject({
  /** Last day in the class (inclusive). */
  endsOn: IsoDate,
});

export const AddGuardianInput = z.strictObject({
  lastName: Text(100),
  firstName: Text(100),
  middleName: OptionalText(100),
  email: Email.optional(),
  phone: PhoneRu.optional(),
  relation: Relation,
});
export type AddGuardianInput = z.infer<typeof AddGuardianInput>;

export const RosterStudent = z.strictObject({
  personId: Uuid,
  displayName: z.string(),
  group: GroupRef.nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable(),
});

export const Roster = z.strictObject({
  class: z.strictObject({
    id: Uuid,
    name: z.string(),
    grade: z.number().int(),
    letter: z.string(),
    classTeacher: UserRef.nullable(),
    groups: z.array(GroupRef),
  }),
  /** The date the roster is for. */
  date: IsoDate,
  /** Students enrolled on that date, in alphabetical order. */
  students: z.array(RosterStudent),
});
export type Roster = z.infer<typeof Roster>;

const StudentParams = z.strictObject({ studentId: Uuid });

export const peopleEndpoints = {
  listStudents: endpoint({
    method: "GET",
    path: "/api/v1/students",
    summary: "Students of the school, with search",
    tag: "people",
    query: StudentQuery,
    output: z.strictObject({ items: z.array(StudentListItem), total: z.number().int() }),
  }),
  createStudent: endpoint({
    method: "POST",
    path: "/api/v1/students",
    summary: "Add a student (person record)",
    tag: "people",
    body: CreateStudentInput,
    output: StudentCard,
    status: 201,
  }),
  getStudent: endpoint({
    method: "GET",
    path: "/api/v1/students/:studentId",
    summary: "Student card: person, enrolments, guardians",
    tag: "people",
    params: StudentParams,
    output: StudentCard,
  }),
  updateStudent: endpoint({
    method: "PATCH",
    path: "/api/v1/students/:studentId",
    summary: "Change a student's personal data",
    tag: "people",
    params: StudentParams,
    body: UpdateStudentInput,
    output: StudentCard,
  }),
  archiveStudent: endpoint({
    method: "POST",
    path: "/api/v1/students/:studentId/archive",
    summary: "Archive a student (leaves the school today; enrolments end)",
    tag: "people",
    params: StudentParams,
    output: StudentCard,
  }),
  createStudentAccount: endpoint({
    method: "POST",
    path: "/api/v1/students/:studentId/account",
    summary: "Give a student a login account and send an invitation",
    tag: "people",
    params: StudentParams,
    body: ContactsInput,
    output: StudentCard,
  }),
  enrol: endpoint({
    method: "POST",
    path: "/api/v1/enrolments",
    summary: "Enrol a student into a class (and optionally a subgroup) from a date",
    tag: "people",
    body: EnrolInput,
    output: EnrolmentView,
    status: 201,
  }),
  transfer: endpoint({
    method: "POST",
    path: "/api/v1/students/:studentId/transfer",
    summary: "Move a student to another class or subgroup from a date",
    tag: "people",
    params: StudentParams,
    body: TransferInput,
    output: EnrolmentView,
    status: 201,
  }),
  endEnrolment: endpoint({
    method: "POST",
    path: "/api/v1/enrolments/:enrolmentId/end",
    summary: "End an enrolment on a date",
    tag: "people",
    params: z.strictObject({ enrolmentId: Uuid }),
    body: EndEnrolmentInput,
    output: EnrolmentView,
  }),
  addGuardian: endpoint({
    method: "POST",
    path: "/api/v1/students/:studentId/guardians",
    summary: "Link a parent to a student (creating and inviting the parent's account if new)",
    tag: "people",
    params: StudentParams,
    body: AddGuardianInput,
    output: GuardianView,
    status: 201,
  }),
  removeGuardian: endpoint({
    method: "DELETE",
    path: "/api/v1/students/:studentId/guardians/:parentUserId",
    summary: "Unlink a parent from a student",
    tag: "people",
    params: z.strictObject({ studentId: Uuid, parentUserId: Uuid }),
    output: Ok,
  }),
  roster: endpoint({
    method: "GET",
    path: "/api/v1/classes/:classId/roster",
    summary: "Students of a class on a date (today by default)",
    tag: "people",
    params: z.strictObject({ classId: Uuid }),
    query: z.strictObject({ date: IsoDate.optional() }),
    output: Roster,
  }),
};
