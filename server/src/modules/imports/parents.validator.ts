/**
 * Parents, one row per parent and child: a parent of two children has two rows with the same
 * contacts. The child is found among the school's students by СНИЛС, or by ФИО and birth date;
 * the parent's account by e-mail or phone (one login for all their children, in any school).
 * The link is confirmed by the importing admin, as when it is added by hand.
 */
import type { Relation } from "@otmetka/core/contracts/people.ts";
import { sql } from "../../platform/db/sql.ts";
import { addGuardian } from "../people/guardians.service.ts";
import { nameKey, readDate, readEmail, readPhone, readRelation, readSnils, readText, ruDate } from "./imports.cells.ts";
import {
  displayName,
  FileContacts,
  findAccountsByContacts,
  headersOf,
  noteExistingAccount,
  resolveAccount,
  type RowPlan,
  type Validator,
} from "./imports.context.ts";
import { RowCheck } from "./imports.row.ts";

const H = headersOf("parents");
const col = (key: string) => H[key] as string;
const CONTACT_COLUMNS = { email: col("email"), phone: col("phone") };
const RELATION_NAMES: Record<Relation, string> = { mother: "мать", father: "отец", parent: "законный представитель", guardian: "опекун" };

interface Child {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string;
  snils: string | null;
  user_id: string | null;
}

const childName = (c: Child) => displayName({ lastName: c.last_name, firstName: c.first_name, middleName: c.middle_name });

export const validateParents: Validator = async (ctx, rows) => {
  const { tx, schoolId } = ctx.change;
  const children = await tx.many<Child>(sql`
    select id, last_name, first_name, middle_name, birth_date, snils, user_id from people
    where school_id = ${schoolId} and archived_at is null`);
  const bySnils = new Map(children.filter((c) => c.snils).map((c) => [c.snils as string, c]));

  const read = rows.map((row) => {
    const check = new RowCheck(row.line);
    const values = {
      lastName: readText(check, col("lastName"), row.cell("lastName"), true),
      firstName: readText(check, col("firstName"), row.cell("firstName"), true),
      middleName: readText(check, col("middleName"), row.cell("middleName"), false),
      email: readEmail(check, CONTACT_COLUMNS.email, row.cell("email")),
      phone: readPhone(check, CONTACT_COLUMNS.phone, row.cell("phone")),
      relation: readRelation(check, col("relation"), row.cell("relation")),
      child: findChild(check, row.cell),
    };
    if (!row.cell("email") && !row.cell("phone")) {
      check.error(null, "contact_required", "Укажите эл. почту или телефон родителя: это его логин для входа");
    }
    const parent = displayName({ lastName: values.lastName ?? "?", firstName: values.firstName ?? "?", middleName: values.middleName });
    check.label = values.child ? `${parent} → ${childName(values.child)}` : parent;
    return { check, values };
  });

  function findChild(check: RowCheck, cell: (key: string) => string): Child | null {
    const before = check.issues.length;
    const snils = readSnils(check, col("childSnils"), cell("childSnils"));
    const lastName = readText(check, col("childLastName"), cell("childLastName"), false);
    const firstName = readText(check, col("childFirstName"), cell("childFirstName"), false);
    const middleName = readText(check, col("childMiddleName"), cell("childMiddleName"), false);
    const birthDate = readDate(check, col("childBirthDate"), cell("childBirthDate"), false);
    if (check.issues.slice(before).some((i) => i.severity === "error")) return null;
    if (snils) {
      const child = bySnils.get(snils);
      if (!child) {
        check.error(col("childSnils"), "child_not_found", "среди учеников школы нет ребёнка с этим СНИЛС — сначала импортируйте учеников");
        return null;
      }
      const nameGiven = lastName || firstName;
      if (nameGiven && nameKey(lastName ?? child.last_name, firstName ?? child.first_name) !== nameKey(child.last_name, child.first_name)) {
        check.error(col("childSnils"), "child_mismatch", `этот СНИЛС у ученика «${childName(child)}», а в строке указан другой ребёнок`, {
          name: childName(child),
        });
        return null;
      }
      return child;
    }
    if (!lastName || !firstName || !birthDate) {
      check.error(null, "child_required", "Укажите СНИЛС ребёнка или его фамилию, имя и дату рождения, чтобы найти ребёнка среди учеников");
      return null;
    }
    const found = children.filter(
      (c) =>
        nameKey(c.last_name, c.first_name) === nameKey(lastName, firstName) &&
        c.birth_date === birthDate &&
        (!middleName || !c.middle_name || nameKey(c.middle_name) === nameKey(middleName)),
    );
    const who = `${displayName({ lastName, firstName, middleName })}, ${ruDate(birthDate)}`;
    if (found.length === 0) {
      check.error(null, "child_not_found", `Среди учеников школы нет «${who}» — проверьте ФИО и дату рождения или укажите СНИЛС`, {
        child: who,
      });
      return null;
    }
    if (found.length > 1) {
      check.error(null, "ambiguous_child", `Учеников «${who}» в школе несколько — укажите СНИЛС ребёнка`, { child: who });
      return null;
    }
    return found[0] as Child;
  }

  const found = await findAccountsByContacts(
    tx,
    read.flatMap((r) => (r.values.email ? [r.values.email] : [])),
    read.flatMap((r) => (r.values.phone ? [r.values.phone] : [])),
  );
  const accountIds = [...new Set([...found.byEmail.values(), ...found.byPhone.values()].map((a) => a.id))];
  const students = new Set(
    (
      await tx.many<{ user_id: string }>(sql`
        select user_id from memberships
        where school_id = ${schoolId} and role = 'student' and archived_at is null and user_id = any(${accountIds}::uuid[])`)
    ).map((r) => r.user_id),
  );
  const links = await tx.many<{ parent_user_id: string; person_id: string; relation: Relation }>(sql`
    select parent_user_id, person_id, relation from guardianships
    where school_id = ${schoolId} and archived_at is null and parent_user_id = any(${accountIds}::uuid[])`);

  const contacts = new FileContacts();
  const pairs = new Map<string, number>();
  const plans: RowPlan[] = [];
  for (const { check, values } of read) {
    const plan: RowPlan = { check };
    plans.push(plan);
    const { lastName, firstName, middleName, email, phone, relation, child } = values;
    if (check.hasErrors || !lastName || !firstName || !relation || !child) continue;
    const identity = contacts.claim(check, CONTACT_COLUMNS, { email, phone }, displayName({ lastName, firstName, middleName }));
    if (identity === null) continue;
    const pair = `${identity}:${child.id}`;
    const first = pairs.get(pair);
    if (first !== undefined) {
      check.error(null, "duplicate_in_file", `Эта пара «родитель — ребёнок» уже есть в строке ${first}`, { line: String(first) });
      continue;
    }
    pairs.set(pair, check.line);
    const account = resolveAccount(check, CONTACT_COLUMNS.phone, found, email, phone);
    if (check.hasErrors) continue;
    if (account && (students.has(account.id) || account.id === child.user_id)) {
      check.error(null, "account_is_student", "Эти эл. почта или телефон — логин ученика, а не родителя; укажите контакты родителя");
      continue;
    }
    if (account) {
      noteExistingAccount(check, account, { lastName, firstName, middleName, email, phone }, CONTACT_COLUMNS);
      if (check.hasErrors) continue;
      const link = links.find((l) => l.parent_user_id === account.id && l.person_id === child.id);
      if (link) {
        check.action = "skip";
        if (link.relation !== relation) {
          check.warn(col("relation"), "relation_unchanged", `связь уже есть («${RELATION_NAMES[link.relation]}») и не меняется`, {
            relation: RELATION_NAMES[link.relation],
          });
        }
        continue;
      }
    }
    check.action = "create";
    plan.apply = async () => {
      await addGuardian(ctx.change, ctx.actor, child.id, {
        lastName,
        firstName,
        middleName: middleName ?? "",
        email: email ?? undefined,
        phone: phone ?? undefined,
        relation,
      });
    };
  }
  return plans;
};
