/** Subjects, classes and their subgroups. */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { Text, Uuid } from "./common.ts";
import { UserRef } from "./school.ts";
import { ArchivableAbilities, ArchivedFilter, Grade, listOf as list, STRUCTURE_TAG as tag } from "./structure-common.ts";

// ---- Subjects -------------------------------------------------------------------------------

export const SubjectView = z.strictObject({
  id: Uuid,
  /** E.g. «Русский язык»; unique among active subjects. */
  name: z.string(),
  /** E.g. «Рус. яз.», for narrow columns. */
  shortName: z.string(),
  archived: z.boolean(),
  abilities: ArchivableAbilities,
});
export type SubjectView = z.infer<typeof SubjectView>;

export const CreateSubjectInput = z.strictObject({
  /** Full name; unique among active subjects, whatever the case. */
  name: Text(120),
  /** Short name for narrow columns. */
  shortName: Text(24),
});
export type CreateSubjectInput = z.infer<typeof CreateSubjectInput>;
export const UpdateSubjectInput = CreateSubjectInput.partial();
export type UpdateSubjectInput = z.infer<typeof UpdateSubjectInput>;

// ---- Classes and subgroups ------------------------------------------------------------------

/** Latin letters that look like Cyrillic ones, typed by mistake on an English layout. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: "А",
  B: "В",
  C: "С",
  E: "Е",
  H: "Н",
  K: "К",
  M: "М",
  O: "О",
  P: "Р",
  T: "Т",
  X: "Х",
  Y: "У",
};

export function normalizeClassLetter(raw: string): string {
  return [...raw.trim().toUpperCase()].map((c) => LATIN_LOOKALIKES[c] ?? c).join("");
}

/** The letter of a class («А», «Б», «ЛМ»): one or two Cyrillic capitals; Latin look-alikes are mapped. */
export const ClassLetter = z
  .string()
  .max(4)
  .overwrite(normalizeClassLetter)
  .regex(/^[А-ЯЁ]{1,2}$/, { message: "invalid_class_letter" });

export const ClassGroupView = z.strictObject({
  id: Uuid,
  classId: Uuid,
  /** E.g. «Английский, группа 1». */
  name: z.string(),
  archived: z.boolean(),
  abilities: ArchivableAbilities,
});
export type ClassGroupView = z.infer<typeof ClassGroupView>;

export const ClassView = z.strictObject({
  id: Uuid,
  academicYearId: Uuid,
  /** Name of the class's year, e.g. «2026/2027». */
  academicYearName: z.string(),
  grade: Grade,
  letter: z.string(),
  /** Grade and letter, e.g. «5А». */
  name: z.string(),
  /** Shift (смена), 1–3. */
  shift: z.number().int(),
  /** Классный руководитель, if one is named. */
  classTeacher: UserRef.nullable(),
  /** Subgroups; archived ones only with `includeArchived`. */
  groups: z.array(ClassGroupView),
  archived: z.boolean(),
  abilities: ArchivableAbilities,
});
export type ClassView = z.infer<typeof ClassView>;

export const ClassListQuery = z.strictObject({
  /** Only classes of this year. */
  academicYearId: Uuid.optional(),
  ...ArchivedFilter.shape,
});

export const CreateClassInput = z.strictObject({
  /** The year the class belongs to; not an archived one. */
  academicYearId: Uuid,
  grade: Grade,
  /** Unique with the grade among active classes of the year. */
  letter: ClassLetter,
  /** Shift (смена), 1–3. */
  shift: z.number().int().min(1).max(3).default(1),
  /** A user with a teacher membership in the school, or null. */
  classTeacherId: Uuid.nullable().default(null),
});
export type CreateClassInput = z.output<typeof CreateClassInput>;

export const UpdateClassInput = z.strictObject({
  grade: Grade.optional(),
  letter: ClassLetter.optional(),
  /** Shift (смена), 1–3. */
  shift: z.number().int().min(1).max(3).optional(),
  /** A user with a teacher membership in the school; null removes the class teacher. */
  classTeacherId: Uuid.nullable().optional(),
});
export type UpdateClassInput = z.output<typeof UpdateClassInput>;

export const ClassGroupInput = z.strictObject({
  /** Unique among the class's active subgroups. */
  name: Text(80),
});
export type ClassGroupInput = z.infer<typeof ClassGroupInput>;

const SubjectParams = z.strictObject({ subjectId: Uuid });
const ClassParams = z.strictObject({ classId: Uuid });
const GroupParams = z.strictObject({ groupId: Uuid });

export const classEndpoints = {
  listSubjects: endpoint({
    method: "GET",
    path: "/api/v1/subjects",
    summary: "Subjects of the school",
    tag,
    query: ArchivedFilter,
    output: list(SubjectView),
  }),
  createSubject: endpoint({
    method: "POST",
    path: "/api/v1/subjects",
    summary: "Create a subject",
    tag,
    body: CreateSubjectInput,
    output: SubjectView,
    status: 201,
  }),
  updateSubject: endpoint({
    method: "PATCH",
    path: "/api/v1/subjects/:subjectId",
    summary: "Change a subject",
    tag,
    params: SubjectParams,
    body: UpdateSubjectInput,
    output: SubjectView,
  }),
  archiveSubject: endpoint({
    method: "POST",
    path: "/api/v1/subjects/:subjectId/archive",
    summary: "Archive a subject",
    tag,
    params: SubjectParams,
    output: SubjectView,
  }),
  restoreSubject: endpoint({
    method: "POST",
    path: "/api/v1/subjects/:subjectId/restore",
    summary: "Bring an archived subject back",
    tag,
    params: SubjectParams,
    output: SubjectView,
  }),

  listClasses: endpoint({
    method: "GET",
    path: "/api/v1/classes",
    summary: "Classes of the school",
    tag,
    query: ClassListQuery,
    output: list(ClassView),
  }),
  classTeacherCandidates: endpoint({
    method: "GET",
    path: "/api/v1/classes/teacher-candidates",
    summary: "Teachers of the school who may be named class teacher",
    tag,
    output: list(UserRef),
  }),
  getClass: endpoint({
    method: "GET",
    path: "/api/v1/classes/:classId",
    summary: "One class with its subgroups",
    tag,
    params: ClassParams,
    query: ArchivedFilter,
    output: ClassView,
  }),
  createClass: endpoint({
    method: "POST",
    path: "/api/v1/classes",
    summary: "Create a class",
    tag,
    body: CreateClassInput,
    output: ClassView,
    status: 201,
  }),
  updateClass: endpoint({
    method: "PATCH",
    path: "/api/v1/classes/:classId",
    summary: "Change a class (grade, letter, shift, class teacher)",
    tag,
    params: ClassParams,
    body: UpdateClassInput,
    output: ClassView,
  }),
  archiveClass: endpoint({
    method: "POST",
    path: "/api/v1/classes/:classId/archive",
    summary: "Archive a class",
    tag,
    params: ClassParams,
    output: ClassView,
  }),
  restoreClass: endpoint({
    method: "POST",
    path: "/api/v1/classes/:classId/restore",
    summary: "Bring an archived class back",
    tag,
    params: ClassParams,
    output: ClassView,
  }),

  createGroup: endpoint({
    method: "POST",
    path: "/api/v1/classes/:classId/groups",
    summary: "Add a subgroup to a class",
    tag,
    params: ClassParams,
    body: ClassGroupInput,
    output: ClassGroupView,
    status: 201,
  }),
  updateGroup: endpoint({
    method: "PATCH",
    path: "/api/v1/class-groups/:groupId",
    summary: "Rename a subgroup",
    tag,
    params: GroupParams,
    body: ClassGroupInput,
    output: ClassGroupView,
  }),
  archiveGroup: endpoint({
    method: "POST",
    path: "/api/v1/class-groups/:groupId/archive",
    summary: "Archive a subgroup",
    tag,
    params: GroupParams,
    output: ClassGroupView,
  }),
  restoreGroup: endpoint({
    method: "POST",
    path: "/api/v1/class-groups/:groupId/restore",
    summary: "Bring an archived subgroup back",
    tag,
    params: GroupParams,
    output: ClassGroupView,
  }),
};
