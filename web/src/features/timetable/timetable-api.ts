import { timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { addDays, isoWeekday, mondayOf } from "@otmetka/core/rules/timetable.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";

/** Query keys of the timetable pages; every change invalidates the "timetable" prefix. */
export const timetableKeys = {
  all: ["timetable"] as const,
  bellTimes: (yearId: string) => ["timetable", "bellTimes", yearId] as const,
  entries: (classId: string) => ["timetable", "entries", classId] as const,
  day: (date: string) => ["timetable", "day", date] as const,
  classWeek: (classId: string, from: string) => ["timetable", "classWeek", classId, from] as const,
  myWeek: (from: string) => ["timetable", "myWeek", from] as const,
  studentWeek: (from: string) => ["timetable", "studentWeek", from] as const,
  childWeek: (studentId: string, from: string) => ["timetable", "childWeek", studentId, from] as const,
};

export function useInvalidateTimetable() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: timetableKeys.all });
}

export function useBellTimes(yearId: string | null) {
  return useQuery({
    queryKey: timetableKeys.bellTimes(yearId ?? ""),
    queryFn: ({ signal }) => call(e.getBellTimes, { params: { yearId: yearId ?? "" }, signal }),
    enabled: yearId !== null,
  });
}

export function useClassEntries(classId: string | null) {
  return useQuery({
    queryKey: timetableKeys.entries(classId ?? ""),
    queryFn: ({ signal }) => call(e.listEntries, { query: { classId: classId ?? "" }, signal }),
    enabled: classId !== null,
  });
}

export function useSchoolDay(date: string) {
  return useQuery({
    queryKey: timetableKeys.day(date),
    queryFn: ({ signal }) => call(e.schoolDay, { query: { date }, signal }),
    enabled: date !== "",
  });
}

export function useMyWeek(from: string) {
  return useQuery({ queryKey: timetableKeys.myWeek(from), queryFn: ({ signal }) => call(e.myWeek, { query: { from }, signal }) });
}

export function useStudentWeek(from: string, enabled: boolean) {
  return useQuery({
    queryKey: timetableKeys.studentWeek(from),
    queryFn: ({ signal }) => call(e.studentWeek, { query: { from }, signal }),
    enabled,
  });
}

export function useChildWeek(studentId: string | null, from: string) {
  return useQuery({
    queryKey: timetableKeys.childWeek(studentId ?? "", from),
    queryFn: ({ signal }) => call(e.childWeek, { params: { studentId: studentId ?? "" }, query: { from }, signal }),
    enabled: studentId !== null,
  });
}

/** Today on this device, `YYYY-MM-DD` (the server answers in the school's time zone; a day's drift at midnight is harmless here). */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

export const thisMonday = (): string => mondayOf(localToday());
export { addDays, isoWeekday };

/** «Понедельник, 9 ноября» / «Monday 9 November» (or «пн, 9 ноября»), for day headings. */
export function formatDay(iso: string, language: string, weekday: "short" | "long" = "long"): string {
  const text = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", {
    timeZone: "UTC",
    weekday,
    day: "numeric",
    month: "long",
  }).format(new Date(`${iso}T00:00:00Z`));
  return weekday === "long" ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Lesson numbers a grid or a select offers: 0–10 (0 is the early «нулевой урок»). */
export const LESSON_NUMBERS = Array.from({ length: 11 }, (_, i) => i);
