/**
 * Classes of the target year. A class that already exists (same grade and letter) gets the
 * shift and class teacher of the file when given; an empty cell changes nothing.
 */
import { normalizeClassLetter } from "@otmetka/core/contracts/structure.ts";
import { sql } from "../../platform/db/sql.ts";
import { createClass, updateClass } from "../structure/classes.service.ts";
import { parseEmailOrPhone } from "./imports.cells.ts";
import { headersOf, type RowPlan, type Validator } from "./imports.context.ts";
import { RowCheck } from "./imports.row.ts";

const H = headersOf("classes");

interface ExistingClass {
  id: string;
  grade: number;
  letter: string;
  shift: number;
  class_teacher_id: string | null;
  teacher_name: string | null;
}

interface Teacher {
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  is_teacher: boolean;
}

function readGrade(check: RowCheck, raw: string): number | null {
  if (raw === "") {
    check.error(H.grade as string, "required", "обязательное поле, заполните его");
    return null;
  }
  const grade = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(grade >= 1 && grade <= 11)) {
    check.error(H.grade as string, "invalid_grade", `«${raw}» — нужно число от 1 до 11`, { value: raw });
    return null;
  }
  return grade;
}

function readLetter(check: RowCheck, raw: string): string | null {
  if (raw === "") {
    check.error(H.letter as string, "required", "обязательное поле, заполните его");
    return null;
  }
  const letter = normalizeClassLetter(raw);
  if (!/^[А-ЯЁ]{1,2}$/.test(letter)) {
    check.error(H.letter as string, "invalid_class_letter", `«${raw}» — одна или две русские буквы, например А`, { value: raw });
    return null;
  }
  return letter;
}

function readShift(check: RowCheck, raw: string): number | null {
  if (raw === "") return null;
  if (!/^[123]$/.test(raw)) {
    check.error(H.shift as string, "invalid_shift", `«${raw}» — смена 1, 2 или 3`, { value: raw });
    return null;
  }
  return Number(raw);
}

export const validateClasses: Validator = async (ctx, rows) => {
  const { tx, schoolId } = ctx.change;
  const year = ctx.year;
  if (!year) throw new Error("classes are imported into a year");
  const existing = await tx.many<ExistingClass>(sql`
    select c.id, c.grade, c.letter, c.shift, c.class_teacher_id,
           case when u.id is null then null else trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) end as teacher_name
    from classes c left join users u on u.id = c.class_teacher_id
    where c.school_id = ${schoolId} and c.academic_year_id = ${year.id} and c.archived_at is null`);
  const byName = new Map(existing.map((c) => [`${c.grade}${c.letter}`, c]));
  // Staff of the school, to name class teachers by their login contacts.
  const staff = await tx.many<Teacher>(sql`
    select u.id, lower(u.email) as email, u.phone, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as name,
           bool_or(m.role = 'teacher') as is_teacher
    from memberships m join users u on u.id = m.user_id
    where m.school_id = ${schoolId} and m.archived_at is null and m.role in ('admin', 'teacher') and u.status <> 'disabled'
    group by u.id`);

  const seen = new Map<string, number>();
  const plans: RowPlan[] = [];
  for (const row of rows) {
    const check = new RowCheck(row.line);
    const plan: RowPlan = { check };
    plans.push(plan);
    const grade = readGrade(check, row.cell("grade"));
    const letter = readLetter(check, row.cell("letter"));
    const shift = readShift(check, row.cell("shift"));
    const teacherCell = row.cell("classTeacher");
    let teacher: Teacher | null = null;
    if (teacherCell !== "") {
      const contact = parseEmailOrPhone(teacherCell);
      teacher = contact ? (staff.find((s) => (contact.email ? s.email === contact.email : s.phone === contact.phone)) ?? null) : null;
      if (!contact) {
        check.error(H.classTeacher as string, "invalid_contact", `«${teacherCell}» — укажите эл. почту или телефон учителя`, {
          value: teacherCell,
        });
      } else if (!teacher) {
        check.error(
          H.classTeacher as string,
          "teacher_not_found",
          `среди сотрудников школы нет «${teacherCell}» — сначала импортируйте учителей`,
          { value: teacherCell },
        );
      } else if (!teacher.is_teacher) {
        check.error(H.classTeacher as string, "not_a_teacher", `${teacher.name} — не учитель школы; дайте ему роль «учитель»`, {
          name: teacher.name,
        });
      }
    }
    if (grade === null || letter === null) continue;
    const name = `${grade}${letter}`;
    check.label = name;
    const first = seen.get(name);
    if (first !== undefined) {
      check.error(null, "duplicate_in_file", `Класс ${name} уже есть в строке ${first}`, { line: String(first), name });
      continue;
    }
    seen.set(name, row.line);
    if (check.hasErrors) continue;

    const current = byName.get(name);
    const classTeacherId = teacher?.id ?? null;
    if (!current) {
      check.action = "create";
      plan.apply = async () => {
        await createClass(
          tx,
          ctx.actor,
          { academicYearId: year.id, grade, letter, shift: shift ?? 1, classTeacherId },
          ctx.change.requestId,
        );
      };
      continue;
    }
    const patch: { shift?: number; classTeacherId?: string } = {};
    if (shift !== null && shift !== current.shift) {
      patch.shift = shift;
      check.change(H.shift as string, String(current.shift), String(shift));
    }
    if (teacher && teacher.id !== current.class_teacher_id) {
      patch.classTeacherId = teacher.id;
      check.change(H.classTeacher as string, current.teacher_name, teacher.name);
    }
    if (check.changes.length === 0) {
      check.action = "skip";
      continue;
    }
    check.action = "update";
    plan.apply = async () => {
      await updateClass(tx, ctx.actor, current.id, patch, ctx.change.requestId);
    };
  }
  return plans;
};
