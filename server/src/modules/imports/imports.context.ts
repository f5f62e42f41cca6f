/** What every kind's validator shares: its context, its plan per row, and lookups of accounts by contact. */
import { IMPORT_COLUMNS, type ImportKind } from "@otmetka/core/contracts/imports.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import type { ImportRow } from "./imports.parse.ts";
import type { RowCheck } from "./imports.row.ts";

export interface TargetYear {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface ImportContext {
  change: ChangeContext;
  actor: SchoolActor;
  /** The year classes go into and students are enrolled into (classes and students only). */
  year: TargetYear | null;
  /** Today in the school's time zone. */
  today: string;
}

/** A checked row and, when it changes something, how to write it (run only on import, in file order). */
export interface RowPlan {
  check: RowCheck;
  apply?: () => Promise<void>;
}

export type Validator = (ctx: ImportContext, rows: readonly ImportRow[]) => Promise<RowPlan[]>;

/** Template headers of a kind by column key: what messages and reports call the columns. */
export function headersOf(kind: ImportKind): Record<string, string> {
  return Object.fromEntries(IMPORT_COLUMNS[kind].map((c) => [c.key, c.header]));
}

export const displayName = (p: { lastName: string; firstName: string; middleName?: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(" ");

export interface AccountHit {
  id: string;
  email: string | null;
  phone: string | null;
  last_name: string;
  first_name: string;
  middle_name: string;
}

/** Accounts (of any school: logins are global) holding any of these e-mails or phones. */
export async function findAccountsByContacts(
  db: Db,
  emails: readonly string[],
  phones: readonly string[],
): Promise<{ byEmail: Map<string, AccountHit>; byPhone: Map<string, AccountHit> }> {
  const rows =
    emails.length + phones.length === 0
      ? []
      : await db.many<AccountHit>(sql`
          select id, email, phone, last_name, first_name, middle_name from users
          where lower(email) = any(${[...emails]}::text[]) or phone = any(${[...phones]}::text[])`);
  const byEmail = new Map<string, AccountHit>();
  const byPhone = new Map<string, AccountHit>();
  for (const r of rows) {
    if (r.email) byEmail.set(r.email.toLowerCase(), r);
    if (r.phone) byPhone.set(r.phone, r);
  }
  return { byEmail, byPhone };
}

/**
 * The account a row's contacts lead to, as `findOrCreateAccount` will find it; an error when
 * the e-mail and the phone belong to two different accounts.
 */
export function resolveAccount(
  check: RowCheck,
  column: string,
  found: { byEmail: Map<string, AccountHit>; byPhone: Map<string, AccountHit> },
  email: string | null,
  phone: string | null,
): AccountHit | null {
  const byEmail = email ? (found.byEmail.get(email) ?? null) : null;
  const byPhone = phone ? (found.byPhone.get(phone) ?? null) : null;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) {
    check.error(column, "contacts_of_two_accounts", "эл. почта и телефон принадлежат двум разным учётным записям — оставьте один из них");
    return null;
  }
  return byEmail ?? byPhone;
}

/** Warnings for an existing account: its ФИО and contacts stay as they are (the person may use it elsewhere). */
export function noteExistingAccount(
  check: RowCheck,
  account: AccountHit,
  row: { lastName: string; firstName: string; middleName: string | null; email: string | null; phone: string | null },
  columns: { email: string; phone: string },
): void {
  const name = displayName({ lastName: account.last_name, firstName: account.first_name, middleName: account.middle_name });
  const same = (a: string, b: string) => a.toLowerCase().replace(/ё/g, "е") === b.toLowerCase().replace(/ё/g, "е");
  // A surname changes (marriage); a first name rarely does: then the contacts are someone else's,
  // and linking them would give a stranger the child's diary or the school's journal.
  if (!same(account.first_name, row.firstName)) {
    check.error(null, "account_of_another_person", `Эти эл. почта или телефон — логин другого человека («${name}»): проверьте контакты`, {
      name,
    });
    return;
  }
  if (!same(account.last_name, row.lastName)) {
    check.warn(null, "account_name_differs", `Учётная запись с этими контактами уже есть на имя «${name}»; ФИО из файла не применяется`, {
      name,
    });
  }
  if (row.email && account.email?.toLowerCase() !== row.email) {
    check.warn(columns.email, "contact_not_saved", "у найденной учётной записи другая почта; почта из файла не сохраняется");
  }
  if (row.phone && account.phone !== row.phone) {
    check.warn(columns.phone, "contact_not_saved", "у найденной учётной записи другой телефон; телефон из файла не сохраняется");
  }
}

/**
 * Who each e-mail and phone of the file belongs to: a contact given for two different people
 * is a mistake, and rows sharing a contact are one person (identified by their first row's line).
 */
export class FileContacts {
  private readonly seen = new Map<string, { line: number; name: string; identity: number }>();

  /** The person's identity in the file, or null when a contact is someone else's (error recorded). */
  claim(
    check: RowCheck,
    columns: { email: string; phone: string },
    contacts: { email: string | null; phone: string | null },
    name: string,
  ): number | null {
    const keys = [
      contacts.email ? { key: `e:${contacts.email}`, column: columns.email, value: contacts.email } : null,
      contacts.phone ? { key: `p:${contacts.phone}`, column: columns.phone, value: contacts.phone } : null,
    ].filter((k) => k !== null);
    const nameKey = name.toLowerCase().replace(/ё/g, "е");
    let identity: number | null = null;
    for (const k of keys) {
      const prior = this.seen.get(k.key);
      if (!prior) continue;
      if (prior.name.toLowerCase().replace(/ё/g, "е") !== nameKey) {
        check.error(k.column, "contact_of_another_person", `«${k.value}» уже указан в строке ${prior.line} у «${prior.name}»`, {
          value: k.value,
          line: String(prior.line),
          name: prior.name,
        });
        return null;
      }
      if (identity !== null && identity !== prior.identity) {
        check.error(k.column, "contacts_of_two_rows", `почта и телефон указаны в разных строках у разных записей (строка ${prior.line})`, {
          line: String(prior.line),
        });
        return null;
      }
      identity = prior.identity;
    }
    const own = identity ?? check.line;
    for (const k of keys) if (!this.seen.has(k.key)) this.seen.set(k.key, { line: check.line, name, identity: own });
    return own;
  }
}
