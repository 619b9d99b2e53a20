import { z } from "zod";

/**
 * What a build for Zalo must be told. Inside Zalo the app runs on Zalo's host (h5.zdn.vn), so without
 * VITE_API_BASE every API call would go to a relative /api there; without VITE_ZALO_OA_ID the "follow"
 * button has nothing to follow. The browser preview needs neither (same origin, no OA).
 */
const apiBase = z
  .string({ error: "missing: the bot server's public address, e.g. https://kynangso.example.vn" })
  .min(1, { error: "missing: the bot server's public address, e.g. https://kynangso.example.vn", abort: true })
  .superRefine((value, ctx) => {
    const problem = apiBaseProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const oaId = z
  .string({ error: "missing: the Official Account id (the server's ZALO_OA_ID), for the follow button" })
  .min(1, { error: "missing: the Official Account id (the server's ZALO_OA_ID), for the follow button", abort: true })
  .regex(/^\d{1,32}$/, "must be the Official Account id: digits only, the same as the server's ZALO_OA_ID");

const zaloBuildEnvSchema = z.object({ VITE_API_BASE: apiBase, VITE_ZALO_OA_ID: oaId });

export type ZaloBuildEnv = z.infer<typeof zaloBuildEnvSchema>;

function apiBaseProblem(value: string): string | undefined {
  // Checked as written: the app uses the variable exactly as it is (new URL() would forgive the spaces).
  if (value !== value.trim()) return `must not start or end with spaces (got "${value}")`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a full https URL such as https://kynangso.example.vn (got "${value}")`;
  }
  // Zalo serves the Mini App over https: an http API would be blocked as mixed content.
  if (url.protocol !== "https:") return `must start with https:// (got "${value}")`;
  if (url.username || url.password || url.search || url.hash) return `must be just the address, without user:password, ?query or #fragment (got "${value}")`;
  // The app writes `${API_BASE}/api/...`; a trailing slash would make that "//api".
  if (value.endsWith("/")) return `must not end with "/" (got "${value}")`;
  return undefined;
}

export class ZaloBuildEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The Zalo build (npm run build:zalo) needs these set, in the environment or in mini-app/.env.zalo:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.name = "ZaloBuildEnvError";
  }
}

/** The validated build variables, or a ZaloBuildEnvError naming every bad one. */
export function zaloBuildEnv(env: Record<string, string | undefined>): ZaloBuildEnv {
  const parsed = zaloBuildEnvSchema.safeParse({ VITE_API_BASE: env.VITE_API_BASE, VITE_ZALO_OA_ID: env.VITE_ZALO_OA_ID });
  if (parsed.success) return parsed.data;
  throw new ZaloBuildEnvError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
}
