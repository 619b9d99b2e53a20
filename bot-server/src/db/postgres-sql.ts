import type { SqlParams, SqlValue } from "./store.js";

/** A statement as PostgreSQL takes it: `$n` placeholders, and how to order the values for them. */
export interface PgStatement {
  text: string;
  /** Named statements: the name behind each `$n`. Positional ones: undefined. */
  names?: string[];
}

const cache = new Map<string, PgStatement>();

/**
 * Rewrites the shared SQL subset for PostgreSQL: `?` and `@name` become `$n`; SQLite's `INDEXED BY`
 * hints go (PostgreSQL's planner takes none). Quoted text and comments are left alone.
 */
export function toPostgres(text: string): PgStatement {
  let hit = cache.get(text);
  if (!hit) cache.set(text, (hit = translate(text)));
  return hit;
}

function translate(text: string): PgStatement {
  let out = "";
  let positional = 0;
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = closing(text, i, c);
      out += text.slice(i, end);
      i = end;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (c === "?") {
      out += `$${++positional}`;
      i++;
    } else if (c === "@" && /[A-Za-z_]/.test(text[i + 1] ?? "")) {
      const name = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))![0];
      let n = names.indexOf(name);
      if (n < 0) n = names.push(name) - 1;
      out += `$${n + 1}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  if (positional && names.length) throw new Error(`SQL mixes ? and @name parameters: ${text}`);
  out = out.replace(/\bINDEXED\s+BY\s+\w+/gi, "");
  return names.length ? { text: out, names } : { text: out };
}

/** Index just past the quote that closes the one at `start` ('' and "" escape a quote). */
function closing(text: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const j = text.indexOf(quote, i);
    if (j < 0) return text.length;
    if (text[j + 1] === quote) i = j + 2;
    else return j + 1;
  }
}

/** The values in `$n` order. */
export function pgValues(stmt: PgStatement, params: SqlParams | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return (params as SqlValue[]).map(pgValue);
  const named = params as Readonly<Record<string, SqlValue>>;
  return (stmt.names ?? []).map((name) => {
    if (!(name in named)) throw new Error(`SQL parameter @${name} has no value`);
    return pgValue(named[name]!);
  });
}

function pgValue(v: SqlValue): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}
