/**
 * Teachers and administrators. A row names a person by ФИО and login contacts; an account with
 * those contacts (in any school) is reused, as when staff are added by hand. Roles are only ever
 * added by an import, never taken away.
 */
import type { StaffRole } from "@otmetka/core/contracts/staff.ts";
import { sql } from "../../platform/db/sql.ts";
import { createStaff, updateStaff } from "../people/staff.service.ts";
import { readEmail, readPhone, readRoles, readText } from "./imports.cells.ts";
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

const H = headersOf("teachers");
const CONTACT_COLUMNS = { email: H.email as string, phone: H.phone as string };
const ROLE_NAMES: Record<StaffRole, string> = { admin: "администратор", teacher: "учитель" };

export const validateTeachers: Validator = async (ctx, rows) => {
  const { tx, schoolId } = ctx.change;
  const read = rows.map((row) => {
    const check = new RowCheck(row.line);
    const values = {
      lastName: readText(check, H.lastName as string, row.cell("lastName"), true),
      firstName: readText(check, H.firstName as string, row.cell("firstName"), true),
      middleName: readText(check, H.middleName as string, row.cell("middleName"), false),
      email: readEmail(check, CONTACT_COLUMNS.email, row.cell("email")),
      phone: readPhone(check, CONTACT_COLUMNS.phone, row.cell("phone")),
      roles: readRoles(check, H.roles as string, row.cell("roles")),
    };
    if (!row.cell("email") && !row.cell("phone")) {
      check.error(null, "contact_required", "Укажите эл. почту или телефон: это логин для входа");
    }
    check.label = displayName({ lastName: values.lastName ?? "?", firstName: values.firstName ?? "?", middleName: values.middleName });
    return { check, values };
  });

  const found = await findAccountsByContacts(
    tx,
    read.flatMap((r) => (r.values.email ? [r.values.email] : [])),
    read.flatMap((r) => (r.values.phone ? [r.values.phone] : [])),
  );
  const accountIds = [...new Set([...found.byEmail.values(), ...found.byPhone.values()].map((a) => a.id))];
  const memberships = await tx.many<{ user_id: string; role: string }>(sql`
    select user_id, role from memberships
    where school_id = ${schoolId} and user_id = any(${accountIds}::uuid[]) and archived_at is null`);
  const rolesOf = (userId: string) => memberships.filter((m) => m.user_id === userId).map((m) => m.role);

  const contacts = new FileContacts();
  const plans: RowPlan[] = [];
  for (const { check, values } of read) {
    plans.push({ check });
    const { lastName, firstName, middleName, email, phone, roles } = values;
    if (check.hasErrors || !lastName || !firstName || !roles) continue;
    const name = displayName({ lastName, firstName, middleName });
    const identity = contacts.claim(check, CONTACT_COLUMNS, { email, phone }, name);
    if (identity === null) continue;
    if (identity !== check.line) {
      check.error(null, "duplicate_in_file", `Этот человек уже есть в строке ${identity}: объедините роли в одной строке`, {
        line: String(identity),
      });
      continue;
    }
    const account = resolveAccount(check, CONTACT_COLUMNS.phone, found, email, phone);
    if (check.hasErrors) continue;
    const plan = plans[plans.length - 1] as RowPlan;
    if (!account) {
      check.action = "create";
      plan.apply = async () => {
        await createStaff(ctx.change, ctx.actor, {
          lastName,
          firstName,
          middleName: middleName ?? "",
          email: email ?? undefined,
          phone: phone ?? undefined,
          roles,
        });
      };
      continue;
    }
    noteExistingAccount(check, account, { lastName, firstName, middleName, email, phone }, CONTACT_COLUMNS);
    if (check.hasErrors) continue;
    const held = rolesOf(account.id);
    if (held.includes("student")) {
      check.error(null, "account_is_student", "Эти эл. почта или телефон — логин ученика школы; укажите другие");
      continue;
    }
    const heldStaff = held.filter((r): r is StaffRole => r === "admin" || r === "teacher");
    const missing = roles.filter((r) => !heldStaff.includes(r));
    if (heldStaff.length === 0) {
      check.action = "create";
      plan.apply = async () => {
        await createStaff(ctx.change, ctx.actor, {
          lastName,
          firstName,
          middleName: middleName ?? "",
          email: email ?? undefined,
          phone: phone ?? undefined,
          roles,
        });
      };
    } else if (missing.length === 0) {
      check.action = "skip";
    } else {
      check.action = "update";
      const next = [...new Set([...heldStaff, ...roles])].sort();
      check.change(H.roles as string, heldStaff.map((r) => ROLE_NAMES[r]).join(", "), next.map((r) => ROLE_NAMES[r]).join(", "));
      plan.apply = async () => {
        await updateStaff(ctx.change, ctx.actor, account.id, { roles: next });
      };
    }
  }
  return plans;
};
