import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VITE = join(ROOT, "node_modules/vite/bin/vite.js");

/** Build variables of a Zalo build that is meant to succeed. */
export const ZALO_BUILD_ENV = { VITE_API_BASE: "https://api.kynangso.vn", VITE_ZALO_OA_ID: "4318245713951783562" };

/** www/app-config.json as the build writes it (the lists zmp deploy sends and Zalo loads). */
export const BuiltAppConfig = z.object({
  app: z.record(z.string(), z.unknown()),
  listCSS: z.array(z.string()),
  listSyncJS: z.array(z.string()),
  listAsyncJS: z.array(z.string()),
});
export type BuiltAppConfig = z.infer<typeof BuiltAppConfig>;

export interface ZaloBuild {
  /** Like the repository root for `zmp deploy`: holds www/. */
  cwd: string;
  www: string;
  status: number | null;
  output: string;
}

/**
 * `npm run build:zalo` (the same `vite build mini-app --mode zalo`) into a temporary www/, with exactly the
 * given VITE_ variables: none inherited from this process, and no NODE_ENV (vitest sets "test", which
 * would make Vite build React's development version).
 */
export function buildZaloPackage(vars: Record<string, string>): ZaloBuild {
  const cwd = mkdtempSync(join(tmpdir(), "kns-zalo-"));
  const www = join(cwd, "www");
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("VITE_") && k !== "NODE_ENV") env[k] = v;
  const run = spawnSync(process.execPath, [VITE, "build", "mini-app", "--mode", "zalo", "--logLevel", "warn", "--outDir", www], {
    cwd: ROOT,
    env: { ...env, ...vars },
    encoding: "utf8",
  });
  return { cwd, www, status: run.status, output: `${run.stdout}${run.stderr}` };
}

export function readBuiltAppConfig(www: string): BuiltAppConfig {
  return BuiltAppConfig.parse(JSON.parse(readFileSync(join(www, "app-config.json"), "utf8")));
}

/** Every file under dir, as paths relative to it with forward slashes (as app-config.json writes them). */
export function filesUnder(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir).map((f) => relative(dir, f).split("\\").join("/")).sort();
}
