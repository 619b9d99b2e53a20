import { z } from "zod";

// Environment contract (../shared/docs/design.md §3). Everything is optional in simulator mode.
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const baseUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), "must be an http(s) URL, e.g. https://openapi.zalo.me")
    .transform((v) => v.replace(/\/+$/, ""));

const positiveInt = (fallback: number, what: string) =>
  z.coerce
    .number({ message: `must be a whole number (${what})` })
    .int(`must be a whole number (${what})`)
    .positive(`must be above 0 (${what})`)
    .default(fallback);

export const envSchema = z.object({
  PORT: z.coerce
    .number({ message: "must be a port number from 1 to 65535" })
    .int("must be a port number from 1 to 65535")
    .min(0, "must be a port number from 1 to 65535")
    .max(65535, "must be a port number from 1 to 65535")
    .default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().trim().min(1, "must be a file path").default("./data/kynangso.db"),
  // Set: PostgreSQL, which several instances can share; DATABASE_PATH is then unused.
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), "must be a postgres:// URL"),
  // Connections per thread's pool (PostgreSQL).
  DATABASE_POOL_SIZE: positiveInt(10, "connections per pool"),
  // This instance's stable name among several on one PostgreSQL (e.g. its host name): what an earlier run
  // of it left mid-send is taken over at start, not only once its leases run out.
  INSTANCE_ID: optionalText.refine((v) => v === undefined || /^[\w.:-]{1,64}$/.test(v), "must be letters, digits, . : _ or - (at most 64)"),
  ZALO_APP_ID: optionalText.refine((v) => v === undefined || /^[\w-]{1,64}$/.test(v), "must be the app id (digits)"),
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_ID: optionalText.refine((v) => v === undefined || /^[\w-]{1,64}$/.test(v), "must be the OA id (digits)"),
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_OA_ACCESS_TOKEN: optionalText,
  ZALO_OA_REFRESH_TOKEN: optionalText,
  ZALO_OA_API_BASE: baseUrl("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: baseUrl("https://oauth.zaloapp.com"),
  ZALO_GRAPH_BASE: baseUrl("https://graph.zalo.me"),
  MINI_APP_ID: optionalText.refine((v) => v === undefined || /^[\w-]{1,64}$/.test(v), "must be the Mini App id"),
  ADMIN_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  TZ: z
    .string()
    .trim()
    .default("Asia/Ho_Chi_Minh")
    .refine(isTimeZone, "must be an IANA time zone such as Asia/Ho_Chi_Minh"),
  PUBLIC_URL: optionalText
    .refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), "must be an http(s) URL")
    .transform((v) => v?.replace(/\/+$/, "")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OUTBOX_RATE_PER_MINUTE: positiveInt(4000, "messages per minute sent to Zalo"),
  OUTREACH_DAILY_CAP: positiveInt(3, "reminders, tips and broadcasts a person may get per day"),
  OUTBOX_CONCURRENCY: positiveInt(8, "parallel sends"),
  OUTBOX_MAX_AGE_HOURS: positiveInt(24, "how long a failing message is retried"),
  ZALO_HTTP_TIMEOUT_MS: positiveInt(10_000, "milliseconds"),
  // Provinces and communes JSON, imported at start when the tables are empty (never kept in the repo).
  ADMIN_UNITS_FILE: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export type Config = Env;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // One line per bad variable; the value itself is never echoed (it may be a secret).
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "?")}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  return parsed.data;
}

/**
 * Simulator mode means no OA credential to send with: no token pair in the environment and none stored
 * from an earlier run. Then outgoing messages go to the built-in simulated Zalo.
 */
export function isSimulator(config: Config, hasStoredTokens: boolean): boolean {
  return !config.ZALO_OA_ACCESS_TOKEN && !config.ZALO_OA_REFRESH_TOKEN && !hasStoredTokens;
}

/** What real mode lacks, as lines a person can act on (printed as warnings at start). */
export function missingForRealMode(config: Config): string[] {
  const missing: string[] = [];
  if (!config.ZALO_APP_ID) missing.push("ZALO_APP_ID: not set (needed to verify webhook signatures and refresh tokens)");
  if (!config.ZALO_APP_SECRET) missing.push("ZALO_APP_SECRET: not set (needed to refresh the OA access token)");
  if (!config.ZALO_OA_SECRET_KEY) missing.push("ZALO_OA_SECRET_KEY: not set (webhook events are accepted unsigned)");
  return missing;
}

/**
 * What real mode cannot run without, as a ConfigError in the same one-line-per-variable style. Without
 * PUBLIC_URL, certificate links in chat would point to localhost; Zalo opens only https links.
 */
export function requireRealModeSettings(config: Config): void {
  const url = config.PUBLIC_URL;
  if (!url) {
    throw new ConfigError(["PUBLIC_URL: must be set when connected to Zalo (the server's public https address, e.g. https://kynangso.example.vn)"]);
  }
  if (!url.startsWith("https://")) {
    throw new ConfigError(["PUBLIC_URL: must be an https:// address when connected to Zalo (links in messages open on people's phones)"]);
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
