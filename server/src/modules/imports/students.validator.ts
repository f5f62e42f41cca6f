/**
 * Students, each enrolled into a class of the target year. A row is the same student as one
 * already in the school when the СНИЛС matches, or else ФИО and birth date do: that student is
 * updated (non-empty cells only) and enrolled if they are in no class yet, never duplicated.
 * Moving a student to another class stays a deliberate transfer on the student card.
 */
import type { UpdateStudentInput } from "@otmetka/core/contracts/people.ts";
import { sql } from "../../platform/db/sql.ts";
import { enrol } from "../people/enrolments.service.ts";
import { updateStudent } from "../people/students.service.ts";
import { nameKey, parseClassName, readDate, readDocument, readGender, readSnils, readText, ruDate } from "./imports.cells.ts";
import { displayName, headersOf, type RowPlan, type Validator } from "./imports.context.ts";
import { RowCheck } from "./imports.row.ts";
import { insertEnrolledStudent } from "./students.writer.ts";

const H = headersOf("students");
const col = (key: string) => H[key] as string;

/** As in the student form: a typo guard, not an age rule (evening schools teach adults). */
const EARLIEST_BIRTH_DATE = "1950-01-01";
const GENDER_NAMES = { m: "М", f: "Ж" } as const;

interface Person {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string;
  gender: "m" | "f" | null;
  snils: string | null;
  document_type: string | null;
  document_series: string | null;
  document_number: string | null;
}

interface OpenEnrolment {
  person_id: string;
  class_id: string;
  class_name: string;
  starts_on: string;
  ends_on: string | null;
}

const documentText = (d: { series: string | null; number: string | null } | null) =>
  d?.number ? [d.series, d.number].filter(Boolean).join(" ") : "";

export const validateStudents: Validator = async (ctx, rows) => {
  const { tx, schoolId } = ctx.change;
  const year = ctx.year;
  if (!year) throw new Error("students are enrolled into a year");
  const people = await tx.many<Person>(sql`
    select id, last_name, first_name, middle_name, birth_date, gender, snils, document_type, document_series, document_number
    from people where school_id = ${schoolId} and archived_at is null`);
  const bySnils = new Map(people.filter((p) => p.snils).map((p) => [p.snils as string, p]));
  const byNameDob = new Map<string, Person[]>();
  for (const p of people) {
    const key = nameKey(p.last_name, p.first_name, p.birth_date);
    byNameDob.set(key, [...(byNameDob.get(key) ?? []), p]);
  }
  const classes = new Map(
    (
      await tx.many<{ id: string; name: string }>(sql`
        select id, grade::text || letter as name from classes
        where school_id = ${schoolId} and academic_year_id = ${year.id} and archived_at is null`)
    ).map((c) => [c.name, c.id]),
  );
  const enrolments = await tx.many<OpenEnrolment>(sql`
    select e.person_id, e.class_id, c.grade::text || c.letter as class_name, e.starts_on, e.ends_on
    from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
    where e.school_id = ${schoolId} and (e.ends_on is null or e.ends_on >= ${year.startsOn})`);

  const seenSnils = new Map<string, number>();
  const seenName = new Map<string, { line: number; snils: string | null }>();
  const seenPerson = new Map<string, number>();
  const plans: RowPlan[] = [];
  for (const row of rows) {
    const check = new RowCheck(row.line);
    const plan: RowPlan = { check };
    plans.push(plan);
    const lastName = readText(check, col("lastName"), row.cell("lastName"), true);
    const firstName = readText(check, col("firstName"), row.cell("firstName"), true);
    const middleName = readText(check, col("middleName"), row.cell("middleName"), false);
    const birthDate = readDate(check, col("birthDate"), row.cell("birthDate"), true);
    if (birthDate && (birthDate > ctx.today || birthDate < EARLIEST_BIRTH_DATE)) {
      check.error(col("birthDate"), "birth_date_out_of_range", `${ruDate(birthDate)} — дата в будущем или раньше 1950 года`, {
        value: ruDate(birthDate),
      });
    }
    const gender = readGender(check, col("gender"), row.cell("gender"));
    const snils = readSnils(check, col("snils"), row.cell("snils"));
    const document = readDocument(
      check,
      { series: col("certificateSeries"), number: col("certificateNumber") },
      row.cell("certificateSeries"),
      row.cell("certificateNumber"),
    );
    const className = row.cell("class");
    const parsedClass = className === "" ? null : parseClassName(className);
    let classId: string | null = null;
    if (className === "") check.error(col("class"), "required", "обязательное поле, заполните его");
    else if (!parsedClass)
      check.error(col("class"), "invalid_class", `«${className}» — пишите номер и букву, например 5А`, { value: className });
    else {
      classId = classes.get(`${parsedClass.grade}${parsedClass.letter}`) ?? null;
      if (!classId) {
        check.error(
          col("class"),
          "unknown_class",
          `класса «${className}» нет в учебном году ${year.name} — сначала импортируйте или создайте классы`,
          { value: className, year: year.name },
        );
      }
    }
    const startsOn = readDate(check, col("startsOn"), row.cell("startsOn"), false) ?? (row.cell("startsOn") ? null : year.startsOn);
    if (startsOn && (startsOn < year.startsOn || startsOn > year.endsOn)) {
      check.error(
        col("startsOn"),
        "date_outside_year",
        `${ruDate(startsOn)} — вне учебного года ${year.name} (${ruDate(year.startsOn)} – ${ruDate(year.endsOn)})`,
        { value: ruDate(startsOn), year: year.name, from: ruDate(year.startsOn), to: ruDate(year.endsOn) },
      );
    }
    const className_ = parsedClass ? `${parsedClass.grade}${parsedClass.letter}` : className;
    check.label = [displayName({ lastName: lastName ?? "?", firstName: firstName ?? "?", middleName }), className_]
      .filter(Boolean)
      .join(", ");
    if (!lastName || !firstName || !birthDate) continue;

    // The same student twice in the file.
    const key = nameKey(lastName, firstName, middleName, birthDate);
    const firstBySnils = snils ? seenSnils.get(snils) : undefined;
    const firstByName = seenName.get(key);
    if (firstBySnils !== undefined) {
      check.error(col("snils"), "duplicate_snils_in_file", `этот СНИЛС уже указан в строке ${firstBySnils}`, {
        line: String(firstBySnils),
      });
      continue;
    }
    if (firstByName && (!snils || !firstByName.snils || firstByName.snils === snils)) {
      check.error(null, "duplicate_in_file", `Этот ученик (ФИО и дата рождения) уже есть в строке ${firstByName.line}`, {
        line: String(firstByName.line),
      });
      continue;
    }
    if (snils) seenSnils.set(snils, row.line);
    if (!firstByName) seenName.set(key, { line: row.line, snils });
    if (check.hasErrors || !classId || !startsOn) continue;

    // The same student already in the school.
    let person = snils ? bySnils.get(snils) : undefined;
    if (!person) {
      // Отчество is often left out of one list or the other: it tells people apart only when both have it.
      const candidates = (byNameDob.get(nameKey(lastName, firstName, birthDate)) ?? []).filter(
        (p) => !middleName || !p.middle_name || nameKey(p.middle_name) === nameKey(middleName),
      );
      const other = candidates.find((p) => snils && p.snils && p.snils !== snils);
      if (other) {
        check.error(
          col("snils"),
          "snils_mismatch",
          "в школе уже есть ученик с этими ФИО и датой рождения, но с другим СНИЛС — проверьте номер",
        );
        continue;
      }
      if (candidates.length > 1) {
        check.error(null, "ambiguous_student", "В школе несколько учеников с этими ФИО и датой рождения — укажите СНИЛС");
        continue;
      }
      person = candidates[0];
    }
    if (person) {
      const first = seenPerson.get(person.id);
      if (first !== undefined) {
        check.error(null, "duplicate_in_file", `Строка ${first} о том же ученике школы`, { line: String(first) });
        continue;
      }
      seenPerson.set(person.id, row.line);
    }
    const targetClass = { id: classId, name: className_ };
    const enrolChange = `${targetClass.name} с ${ruDate(startsOn)}`;
    const needsEnrolment = (personId: string | null): boolean => {
      const open = personId ? enrolments.filter((e) => e.person_id === personId && (e.ends_on === null || e.ends_on >= startsOn)) : [];
      if (open.some((e) => e.class_id === targetClass.id)) return false;
      const elsewhere = open[0];
      if (elsewhere) {
        check.warn(
          col("class"),
          "enrolled_elsewhere",
          `ученик уже в классе ${elsewhere.class_name} с ${ruDate(elsewhere.starts_on)}; класс не меняется — переведите ученика в его карточке`,
          { className: elsewhere.class_name, since: ruDate(elsewhere.starts_on) },
        );
        return false;
      }
      return true;
    };

    if (!person) {
      check.action = "create";
      plan.apply = () =>
        insertEnrolledStudent(
          ctx.change,
          { lastName, firstName, middleName: middleName ?? "", birthDate, gender, snils, document },
          { classId: targetClass.id, startsOn },
        );
      continue;
    }

    const patch: UpdateStudentInput = {};
    const found = person;
    const rename = (field: "lastName" | "firstName" | "middleName", value: string | null, now: string) => {
      if (value !== null && nameKey(value) !== nameKey(now)) {
        patch[field] = value;
        check.change(col(field), now, value);
      }
    };
    rename("lastName", lastName, found.last_name);
    rename("firstName", firstName, found.first_name);
    rename("middleName", middleName, found.middle_name);
    if (birthDate !== found.birth_date) {
      patch.birthDate = birthDate;
      check.change(col("birthDate"), ruDate(found.birth_date), ruDate(birthDate));
    }
    if (gender && gender !== found.gender) {
      patch.gender = gender;
      check.change(col("gender"), found.gender ? GENDER_NAMES[found.gender] : "", GENDER_NAMES[gender]);
    }
    if (snils && snils !== found.snils) {
      patch.snils = snils;
      check.change(col("snils"), found.snils, snils);
    }
    const now = { series: found.document_series, number: found.document_number };
    if (document && (document.type !== found.document_type || documentText(document) !== documentText(now))) {
      patch.document = document;
      check.change(col("certificateNumber"), documentText(now), documentText(document));
    }
    const enrolNow = needsEnrolment(found.id);
    if (enrolNow) check.change(col("class"), "", enrolChange);
    if (check.changes.length === 0) {
      check.action = "skip";
      continue;
    }
    check.action = "update";
    plan.apply = async () => {
      if (Object.keys(patch).length > 0) await updateStudent(ctx.change, ctx.actor, found.id, patch);
      if (enrolNow) await enrol(ctx.change, ctx.actor, { studentId: found.id, classId: targetClass.id, startsOn });
    };
  }
  return plans;
};
