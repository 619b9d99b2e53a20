import { z } from "zod";

/**
 * Where `vite build mini-app --mode zalo` reads VITE_ variables: the environment first, then these files in
 * mini-app/ (Vite's envDir is the config's root; loadEnv(mode "zalo") reads the four of them).
 */
const ZALO_ENV_FILES = ["mini-app/.env", "mini-app/.env.local", "mini-app/.env.zalo", "mini-app/.env.zalo.local"];

/**
 * What a build for Zalo must be told. Inside Zalo the app runs on Zalo's host (h5.zdn.vn), so without
 * VITE_API_BASE every API call would go to a relative /api there; without VITE_ZALO_OA_ID the "follow"
 * button has nothing to follow. The browser preview needs neither (same origin, no OA).
 */
const MISSING_API_BASE = "missing: the bot server's public https address (its PUBLIC_URL)";
const MISSING_OA_ID = "missing: the Official Account id (the server's ZALO_OA_ID), for the follow button";

const apiBase = z
  .string({ error: MISSING_API_BASE })
  .min(1, { error: MISSING_API_BASE, abort: true })
  .superRefine((value, ctx) => {
    const problem = apiBaseProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const oaId = z
  .string({ error: MISSING_OA_ID })
  .min(1, { error: MISSING_OA_ID, abort: true })
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
    return `must be a full https URL, the bot server's PUBLIC_URL (got "${value}")`;
  }
  // Zalo serves the Mini App over https: an http API would be blocked as mixed content.
  if (url.protocol !== "https:") return `must start with https:// (got "${value}")`;
  if (url.username || url.password || url.search || url.hash) return `must be just the address, without user:password, ?query or #fragment (got "${value}")`;
  // The app writes `${API_BASE}/api/...`; a trailing slash would make that "//api".
  if (value.endsWith("/")) return `must not end with "/" (got "${value}")`;
  const placeholder = notPublicHost(url.hostname);
  if (placeholder) return `must be the server's public address, not ${placeholder} (got "${value}"): phones inside Zalo cannot reach it`;
  return undefined;
}

/** Top-level names reserved for tests, examples and local networks (RFC 2606, 6761, 6762). */
const RESERVED_TLDS = new Set(["test", "invalid", "local", "localhost", "example", "internal", "lan", "home"]);

/** Why a host is a placeholder or only reachable from this machine or a private network, else undefined. */
export function notPublicHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) return ipv6Problem(host.slice(1, -1));
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4) return ipv4Problem(ipv4.slice(1).map(Number));
  const labels = host.split(".");
  if (RESERVED_TLDS.has(labels.at(-1)!)) return `a name reserved for tests or local networks (".${labels.at(-1)}")`;
  if (labels.length < 2) return `a name without a domain ("${host}")`;
  if (labels.includes("example")) return "an example address";
  return undefined;
}

function ipv4Problem([a, b]: number[]): string | undefined {
  if (a === 127) return "a loopback address (this machine)";
  if (a === 0) return "an unspecified address";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return "a private network address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b! >= 64 && b! <= 127) return "a carrier-grade NAT address";
  return undefined;
}

function ipv6Problem(ip: string): string | undefined {
  if (ip === "::1" || ip === "::") return "a loopback address (this machine)";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return ipv4Problem(mapped[1]!.split(".").map(Number));
  // URL() writes an IPv4-mapped address in hex: ::ffff:7f00:1.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mappedHex) {
    const [hi, lo] = [parseInt(mappedHex[1]!, 16), parseInt(mappedHex[2]!, 16)];
    return ipv4Problem([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(ip)) return "a private network address";
  if (/^fe[89ab][0-9a-f]?:/.test(ip)) return "a link-local address";
  return undefined;
}

export class ZaloBuildEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The Zalo build (npm run build:zalo) needs these set, in the environment or in one of ${ZALO_ENV_FILES.join(", ")} (the environment wins):\n${problems.map((p) => `  ${p}`).join("\n")}`,
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
