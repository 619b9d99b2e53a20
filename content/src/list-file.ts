// Loading a YAML file that holds a list of entries with ids (competences, scam types, tips).
import type { z } from "zod";
import { readTextFile } from "./files.js";
import type { FileProblems } from "./problems.js";
import { parseYaml } from "./yaml-file.js";
import { plainEnglish, reportZodError } from "./zod-issues.js";

export interface ListEntry<T> {
  item: T;
  /** The entry's place in the file, e.g. "tips[4]". */
  field: string;
}

/**
 * Parses each entry on its own, so one bad entry does not hide the others (nor make every reference
 * to the good ones fail), and reports duplicate ids. Returns the valid entries.
 */
export function loadListFile<S extends z.ZodType<{ id: string }>>(
  contentDir: string,
  schema: S,
  listName: string,
  out: FileProblems,
): ListEntry<z.output<S>>[] {
  const text = readTextFile(contentDir, out);
  if (text === undefined) return [];
  const data = parseYaml(text, out);
  if (data === undefined) return [];
  if (!Array.isArray(data)) {
    out.add(listName, 'must be a YAML list ("- id: …" entries)');
    return [];
  }
  const entries: ListEntry<z.output<S>>[] = [];
  const duplicate = duplicateIds(out);
  data.forEach((raw: unknown, index) => {
    const field = `${listName}[${index}]`;
    const earlier = duplicate(raw, field);
    const parsed = schema.safeParse(raw, { error: plainEnglish });
    if (!parsed.success) reportZodError(parsed.error, field, out);
    else if (earlier === undefined) entries.push({ item: parsed.data, field });
  });
  return entries;
}

/**
 * Returns a check to call on each entry in turn: it reports an entry whose id an earlier entry already
 * used and returns that earlier entry's field. Duplicate ids are judged on the raw entry, so they are
 * reported even when the entry has other faults.
 */
export function duplicateIds(out: FileProblems): (raw: unknown, field: string) => string | undefined {
  const firstFieldById = new Map<string, string>();
  return (raw, field) => {
    const id = rawId(raw);
    if (id === undefined) return undefined;
    const earlier = firstFieldById.get(id);
    if (earlier !== undefined) out.add(`${field}.id`, `"${id}" is already used by ${earlier}; ids must be unique`);
    else firstFieldById.set(id, field);
    return earlier;
  };
}

/** The `id` of a raw YAML entry, if it has a text one. */
function rawId(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return undefined;
  return typeof raw.id === "string" ? raw.id : undefined;
}
