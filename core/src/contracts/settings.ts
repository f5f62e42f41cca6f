import { z } from "zod";

/** Canonical attendance states; the letter shown for each is a school setting. */
export const ATTENDANCE_STATES = ["ABSENT_UNEXCUSED", "ABSENT_ILLNESS", "ABSENT_EXCUSED", "LATE"] as const;

export const WorkType = z.strictObject({
  /** Stable code, e.g. "control". */
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  /** Name, e.g. «Контрольная работа». */
  name: z.string().trim().min(1).max(80),
  /** Abbreviation shown in the journal, e.g. «КР». */
  abbr: z.string().trim().min(1).max(8),
  /** Weight in tenths (10 = weight 1.0), so weighted averages stay exact. */
  weightTenths: z.number().int().min(1).max(100),
});

/**
 * A school's rules (273-ФЗ ст. 28: each school sets them in its local act). Versioned: each
 * change stores a new version, and computed results name the version they used.
 */
export const SchoolSettings = z.strictObject({
  workTypes: z.array(WorkType).min(1).max(40),
  /** How a period mark is suggested from the weighted average. */
  roundingRule: z.enum(["HALF_UP", "X60", "X65"]),
  /** Marks needed in a period before a mark is suggested; fewer gives «н/а». */
  minMarksForPeriod: z.number().int().min(0).max(20),
  /** Work types (codes) of which a student needs at least one mark in a period, else «н/а». */
  requiredWorkTypesForPeriod: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)).max(10),
  /** Days after a lesson during which a teacher may still change its marks and attendance. */
  editWindowDays: z.number().int().min(0).max(366),
  /** Letters shown for each attendance state. */
  attendanceLetters: z.strictObject({
    ABSENT_UNEXCUSED: z.string().trim().min(1).max(3),
    ABSENT_ILLNESS: z.string().trim().min(1).max(3),
    ABSENT_EXCUSED: z.string().trim().min(1).max(3),
    LATE: z.string().trim().min(1).max(3),
  }),
  /** Period system per grade range, e.g. quarters for 1–9 and half-years for 10–11. */
  periodSystem: z
    .array(
      z.strictObject({
        gradeFrom: z.number().int().min(1).max(11),
        gradeTo: z.number().int().min(1).max(11),
        kind: z.enum(["quarter", "trimester", "half_year"]),
      }),
    )
    .min(1)
    .max(11),
  /** Study week per grade range: 5 days (Monday–Friday) or 6 (Monday–Saturday). */
  studyWeek: z
    .array(
      z.strictObject({
        gradeFrom: z.number().int().min(1).max(11),
        gradeTo: z.number().int().min(1).max(11),
        days: z.union([z.literal(5), z.literal(6)]),
      }),
    )
    .min(1)
    .max(11),
  /** Whether the mark 1 may be given. */
  allowMarkOne: z.boolean(),
  /** Concurrent sessions per user; signing in beyond it ends the oldest. */
  maxSessions: z.number().int().min(1).max(50),
  /** Staff (admins and teachers) must use a second factor. */
  requireStaffMfa: z.boolean(),
});
export type SchoolSettings = z.infer<typeof SchoolSettings>;

export const DEFAULT_SCHOOL_SETTINGS: SchoolSettings = {
  workTypes: [
    { code: "control", name: "Контрольная работа", abbr: "КР", weightTenths: 50 },
    { code: "final_control", name: "Итоговая контрольная работа", abbr: "ИКР", weightTenths: 50 },
    { code: "independent", name: "Самостоятельная работа", abbr: "СР", weightTenths: 30 },
    { code: "test", name: "Тест", abbr: "Т", weightTenths: 30 },
    { code: "dictation", name: "Диктант", abbr: "Д", weightTenths: 30 },
    { code: "lab", name: "Лабораторная работа", abbr: "ЛР", weightTenths: 30 },
    { code: "oral", name: "Устный ответ", abbr: "УО", weightTenths: 20 },
    { code: "classwork", name: "Работа на уроке", abbr: "РУ", weightTenths: 10 },
    { code: "homework", name: "Домашняя работа", abbr: "ДЗ", weightTenths: 10 },
  ],
  roundingRule: "HALF_UP",
  minMarksForPeriod: 3,
  requiredWorkTypesForPeriod: [],
  editWindowDays: 14,
  attendanceLetters: { ABSENT_UNEXCUSED: "Н", ABSENT_ILLNESS: "Б", ABSENT_EXCUSED: "У", LATE: "О" },
  periodSystem: [
    { gradeFrom: 1, gradeTo: 9, kind: "quarter" },
    { gradeFrom: 10, gradeTo: 11, kind: "half_year" },
  ],
  studyWeek: [{ gradeFrom: 1, gradeTo: 11, days: 5 }],
  allowMarkOne: false,
  maxSessions: 5,
  requireStaffMfa: false,
};
