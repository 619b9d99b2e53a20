import { readFileSync } from "node:fs";
import { z } from "zod";

const code = z.string().trim().regex(/^\d{1,6}$/, "must be a GSO code (digits)");
const name = z.string().trim().min(1).max(200);

/** The administrative-units file: provinces, each with its communes ("Wards"), GSO codes as text. */
export const adminUnitsSchema = z
  .array(
    z.object({
      Code: code,
      FullName: name,
      Wards: z.array(z.object({ Code: code, FullName: name, ProvinceCode: code })),
    }),
  )
  .min(1, "lists no province");

export type AdminUnits = z.infer<typeof adminUnitsSchema>;

export class AdminUnitsFileError extends Error {}

/** Reads and validates the file; a problem names the file and the first bad entries. */
export function readAdminUnits(path: string): AdminUnits {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new AdminUnitsFileError(`${path}: cannot read it as JSON (${(err as Error).message})`);
  }
  const parsed = adminUnitsSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new AdminUnitsFileError(`${path}: not an administrative-units file\n${issues.join("\n")}`);
  }
  for (const p of parsed.data) {
    const stray = p.Wards.find((w) => w.ProvinceCode !== p.Code);
    if (stray) throw new AdminUnitsFileError(`${path}: ${stray.FullName} (${stray.Code}) is listed under ${p.FullName} but says province ${stray.ProvinceCode}`);
  }
  return parsed.data;
}
