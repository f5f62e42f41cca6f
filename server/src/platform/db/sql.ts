/**
 * A parameterised SQL fragment. `sql\`select * from users where id = ${id}\`` keeps values out of
 * the text, so every query is safe from injection by construction. Fragments nest: a `Sql` value
 * interpolated into another is inlined with its own parameters renumbered.
 */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    this.strings = strings;
    this.values = values;
  }

  /** Renders `$1, $2…` placeholders, starting after `offset` existing parameters. */
  toQuery(offset = 0): { text: string; values: unknown[] } {
    let text = "";
    const values: unknown[] = [];
    this.strings.forEach((part, i) => {
      text += part;
      if (i >= this.values.length) return;
      const value = this.values[i];
      if (value instanceof Sql) {
        const inner = value.toQuery(offset + values.length);
        text += inner.text;
        values.push(...inner.values);
      } else {
        values.push(value);
        text += `$${offset + values.length}`;
      }
    });
    return { text, values };
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted SQL text (identifiers, keywords): never pass user input here. */
sql.raw = (text: string): Sql => new Sql([text], []);

/** Joins fragments with a separator, e.g. for dynamic WHERE clauses or value lists. */
sql.join = (parts: readonly Sql[], separator = ", "): Sql => {
  if (parts.length === 0) return new Sql([""], []);
  const strings = ["", ...parts.slice(1).map(() => separator), ""];
  return new Sql(strings, parts);
};

export const empty = sql.raw("");
