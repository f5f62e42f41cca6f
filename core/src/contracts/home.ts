import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Uuid } from "./common.ts";
import { Relation } from "./people.ts";
import { ClassRef, UserRef } from "./staff.ts";

/**
 * The steps of setting up a school, in the order an admin best takes them. Each is checked in
 * SQL for the admin's school; the web links each to the page that fixes it.
 */
export const SETUP_STEPS = [
  "schoolProfile",
  "academicYear",
  "periods",
  "holidays",
  "subjects",
  "classes",
  "classTeachers",
  "staff",
  "students",
  "guardians",
  "teaching",
] as const;
export const SetupStepKey = z.enum(SETUP_STEPS);
export type SetupStepKey = z.infer<typeof SetupStepKey>;

export const SetupStep = z.strictObject({
  key: SetupStepKey,
  /** The step needs nothing more. */
  done: z.boolean(),
  /**
   * What exists: filled profile fields, grades covered by periods, classes with a class teacher,
   * students with a guardian, classes with a teacher… or the number of subjects, holidays, etc.
   */
  count: z.number().int(),
  /** What is needed when the step is "every X has Y" (all classes, all students, 11 grades); null otherwise. */
  total: z.number().int().nullable(),
});
export type SetupStep = z.infer<typeof SetupStep>;

export const SchoolSetup = z.strictObject({
  /** Today in the school's time zone. */
  today: IsoDate,
  /** The academic year today falls in; null when there is none. */
  currentYear: z.strictObject({ id: Uuid, name: z.string(), startsOn: IsoDate, endsOn: IsoDate }).nullable(),
  /** Every step of SETUP_STEPS, in that order. */
  steps: z.array(SetupStep),
  /** How many steps are done. */
  doneCount: z.number().int(),
  /** The first step not done yet; null when the school is set up. */
  nextStep: SetupStepKey.nullable(),
});
export type SchoolSetup = z.infer<typeof SchoolSetup>;

/** How many students each class of the teacher has today (complements `GET /api/v1/me/teaching`). */
export const ClassSizes = z.strictObject({
  items: z.array(
    z.strictObject({
      classId: Uuid,
      /** Students enrolled in the class today. */
      studentCount: z.number().int(),
    }),
  ),
});
export type ClassSizes = z.infer<typeof ClassSizes>;

/** A school as a family sees it: its name and where it is. */
export const SchoolContact = z.strictObject({
  id: Uuid,
  /** Short name, e.g. «МБОУ СОШ № 17». */
  shortName: z.string(),
  /** Postal address; empty when the school has not entered it. */
  address: z.string(),
});
export type SchoolContact = z.infer<typeof SchoolContact>;

export const MyChild = z.strictObject({
  /** The child's person record (in that school). */
  personId: Uuid,
  /** «Фамилия Имя Отчество». */
  displayName: z.string(),
  school: SchoolContact,
  /** The class the child attends today; null between enrolments. */
  class: ClassRef.nullable(),
  /** The class teacher of that class. */
  classTeacher: UserRef.nullable(),
  /** mother, father, parent or guardian. */
  relation: Relation,
});
export type MyChild = z.infer<typeof MyChild>;

export const MyChildren = z.strictObject({
  /** Confirmed guardianships of the signed-in user, in every school, by name. */
  children: z.array(MyChild),
  /** Schools where the user is a parent: whom to ask to connect a child. */
  schools: z.array(SchoolContact),
});
export type MyChildren = z.infer<typeof MyChildren>;

export const MyStudentProfile = z.strictObject({
  personId: Uuid,
  /** «Фамилия Имя Отчество». */
  displayName: z.string(),
  school: SchoolContact,
  /** The class the student attends today; null between enrolments. */
  class: ClassRef.nullable(),
  classTeacher: UserRef.nullable(),
  /** Today in the school's time zone. */
  today: IsoDate,
});
export type MyStudentProfile = z.infer<typeof MyStudentProfile>;

export const homeEndpoints = {
  setup: endpoint({
    method: "GET",
    path: "/api/v1/home/setup",
    summary: "School setup checklist: which steps are done, with counts",
    tag: "home",
    output: SchoolSetup,
  }),
  classSizes: endpoint({
    method: "GET",
    path: "/api/v1/me/class-sizes",
    summary: "Students today in each class the signed-in teacher teaches or leads",
    tag: "home",
    output: ClassSizes,
  }),
  myChildren: endpoint({
    method: "GET",
    path: "/api/v1/me/children",
    summary: "The signed-in user's children (confirmed guardianships) in every school",
    tag: "home",
    output: MyChildren,
  }),
  myStudent: endpoint({
    method: "GET",
    path: "/api/v1/me/student",
    summary: "The signed-in student: name, class, class teacher, school",
    tag: "home",
    output: MyStudentProfile,
  }),
};
