// npm run build:zalo against what Zalo's own tools check. zmp-cli 4.0.3 `deploy --existing` (what
// npm run deploy:app runs) hands the work to zmp-cli-core's deploy(): it reads www/app-config.json,
// asks Zalo for an upload slot, checks the files in www/ against the answer, zips www/ and uploads it.
// Here that same function runs offline: Zalo's two HTTP calls are answered by fakes.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseAst } from "vite";
import { beforeAll, describe, expect, it } from "vitest";
import { notPublicHost, zaloBuildEnv, ZaloBuildEnvError } from "../mini-app/build/zalo-env.js";
import { buildZaloPackage, filesUnder, readBuiltAppConfig, ZALO_BUILD_ENV, type BuiltAppConfig, type ZaloBuild } from "./support/zalo-package.js";

const sourceAppConfig = JSON.parse(readFileSync(new URL("../mini-app/app-config.json", import.meta.url), "utf8")) as { app: unknown };

/** The part of zmp-cli-core's API this test drives (node_modules/zmp-cli-core/dist/index.d.ts). */
interface ZmpCliCore {
  deploy(options: {
    isCustom: true;
    outputDir: string;
    cwd: string;
    target: number;
    description: string;
    request: (r: { method: string; url: string; data?: Record<string, unknown> }) => Promise<unknown>;
    getToken: () => Promise<string>;
    ResumableClass: unknown;
    FileClass: unknown;
    onProgress: (p: number) => void;
    customLogger: { info: (m: string) => void; warn: (m: string) => void };
  }): Promise<{ err: number; data: unknown }>;
}
// The CommonJS build, the one zmp-cli itself requires.
const zmpCliCore = createRequire(import.meta.url)("zmp-cli-core") as ZmpCliCore;

/** Resumable.js as zmp-cli-core uses it (one file, upload on add), keeping what would be sent. */
class UploadRecorder {
  static uploads: { name: string; bytes: number; headers: Record<string, string> }[] = [];
  readonly support = true;
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  private file?: { name: string; buffer: Buffer };
  constructor(private readonly options: { headers: Record<string, string> }) {}
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, handler);
  }
  addFile(file: { name: string; buffer: Buffer }) {
    this.file = file;
    this.handlers.get("fileAdded")?.();
  }
  upload() {
    UploadRecorder.uploads.push({ name: this.file!.name, bytes: this.file!.buffer.length, headers: this.options.headers });
    this.handlers.get("fileSuccess")?.(this.file, JSON.stringify({ err: 0, data: { appUrl: "https://zalo.me/s/1/", versionId: 7 } }));
  }
}
class FileRecorder {
  constructor(readonly init: { name: string; buffer: Buffer }) {
    Object.assign(this, init);
  }
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

/** Import specifiers of a built chunk, read from its syntax tree (Rollup's parser, as Vite exports it). */
function importsOf(code: string) {
  const found = { static: [] as string[], dynamic: [] as string[], moduleFileStrings: [] as string[] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as AstNode;
    const source = (n.source as { value?: unknown } | null | undefined)?.value;
    if (typeof source === "string") {
      if (n.type === "ImportExpression") found.dynamic.push(source);
      else if (/^(Import|ExportNamed|ExportAll)Declaration$/.test(n.type)) found.static.push(source);
    }
    if (n.type === "Literal" && typeof n.value === "string" && n.value.endsWith(".module.js")) found.moduleFileStrings.push(n.value);
    for (const [key, value] of Object.entries(n)) if (key !== "type") visit(value);
  };
  visit(parseAst(code));
  return found;
}

describe("zaloBuildEnv", () => {
  it("accepts an https address and a numeric OA id", () => {
    expect(zaloBuildEnv(ZALO_BUILD_ENV)).toEqual(ZALO_BUILD_ENV);
    expect(zaloBuildEnv({ VITE_API_BASE: "https://kns.kynangso.vn:8443/hoc", VITE_ZALO_OA_ID: "1" }).VITE_API_BASE).toBe("https://kns.kynangso.vn:8443/hoc");
  });

  it.each([
    [{}, ["VITE_API_BASE: missing", "VITE_ZALO_OA_ID: missing"]],
    [{ VITE_API_BASE: "", VITE_ZALO_OA_ID: "" }, ["VITE_API_BASE: missing", "VITE_ZALO_OA_ID: missing"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "http://api.kynangso.vn" }, ["VITE_API_BASE: must start with https://"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "ftp://api.kynangso.vn" }, ["VITE_API_BASE: must start with https://"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "api.kynangso.vn" }, ["VITE_API_BASE: must be a full https URL"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "/api" }, ["VITE_API_BASE: must be a full https URL"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "https://api.kynangso.vn/" }, ['VITE_API_BASE: must not end with "/"']],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "https://api.kynangso.vn?x=1" }, ["VITE_API_BASE: must be just the address"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: "https://u:p@api.kynangso.vn" }, ["VITE_API_BASE: must be just the address"]],
    [{ ...ZALO_BUILD_ENV, VITE_API_BASE: " https://api.kynangso.vn" }, ["VITE_API_BASE: must not start or end with spaces"]],
    [{ ...ZALO_BUILD_ENV, VITE_ZALO_OA_ID: "kynangso" }, ["VITE_ZALO_OA_ID: must be the Official Account id"]],
    [{ ...ZALO_BUILD_ENV, VITE_ZALO_OA_ID: "4318245713951783562 " }, ["VITE_ZALO_OA_ID: must be the Official Account id"]],
  ])("refuses %j", (env, problems) => {
    let error: unknown;
    try {
      zaloBuildEnv(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ZaloBuildEnvError);
    const found = (error as ZaloBuildEnvError).problems;
    expect(found).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(found[i]).toContain(p));
    expect((error as Error).message).toContain("npm run build:zalo");
    // Every place Vite reads the variables from, for --mode zalo with mini-app/ as its envDir.
    for (const file of ["mini-app/.env,", "mini-app/.env.local,", "mini-app/.env.zalo,", "mini-app/.env.zalo.local"]) expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("the environment");
  });

  it.each([
    ["https://localhost", "reserved for tests or local networks"],
    ["https://localhost:8443", "reserved for tests or local networks"],
    ["https://app.localhost", "reserved for tests or local networks"],
    ["https://kynangso", "without a domain"],
    ["https://127.0.0.1", "loopback"],
    ["https://127.8.9.10:3000", "loopback"],
    ["https://0.0.0.0", "unspecified"],
    ["https://[::1]", "loopback"],
    ["https://[::ffff:127.0.0.1]", "loopback"],
    ["https://[::ffff:192.168.1.20]", "private network"],
    ["https://10.0.0.5", "private network"],
    ["https://172.16.0.1", "private network"],
    ["https://172.31.255.254", "private network"],
    ["https://192.168.1.20", "private network"],
    ["https://[fd12:3456::1]", "private network"],
    ["https://169.254.10.1", "link-local"],
    ["https://[fe80::1]", "link-local"],
    ["https://100.64.0.1", "carrier-grade NAT"],
    ["https://example.com", "an example address"],
    ["https://example.vn", "an example address"],
    ["https://example.org", "an example address"],
    ["https://kynangso.example.vn", "an example address"],
    ["https://api.example.com.vn", "an example address"],
    ["https://KYNANGSO.EXAMPLE.VN", "an example address"],
    ["https://kynangso.example", "reserved"],
    ["https://api.kynangso.test", "reserved"],
    ["https://api.kynangso.invalid", "reserved"],
    ["https://may-chu.local", "reserved"],
  ])("refuses the placeholder or private address %s", (address, why) => {
    expect(() => zaloBuildEnv({ ...ZALO_BUILD_ENV, VITE_API_BASE: address })).toThrow(why);
    expect(() => zaloBuildEnv({ ...ZALO_BUILD_ENV, VITE_API_BASE: address })).toThrow("phones inside Zalo cannot reach it");
  });

  it.each(["kynangso.vn", "api.kynangso.gov.vn", "hoc.examples.vn", "myexample.com", "testing.vn", "local-news.vn", "8.8.8.8", "172.32.0.1", "192.169.0.1", "[2001:4860:4860::8888]"])(
    "accepts the public host %s",
    (host) => {
      expect(notPublicHost(new URL(`https://${host}`).hostname)).toBeUndefined();
      expect(zaloBuildEnv({ ...ZALO_BUILD_ENV, VITE_API_BASE: `https://${host}` }).VITE_API_BASE).toBe(`https://${host}`);
    },
  );
});

describe("npm run build:zalo without the server's address or the OA id", () => {
  it.each([
    [{ VITE_API_BASE: "", VITE_ZALO_OA_ID: ZALO_BUILD_ENV.VITE_ZALO_OA_ID }, "VITE_API_BASE: missing"],
    [{ VITE_API_BASE: "http://api.kynangso.vn", VITE_ZALO_OA_ID: ZALO_BUILD_ENV.VITE_ZALO_OA_ID }, "VITE_API_BASE: must start with https://"],
    [{ VITE_API_BASE: ZALO_BUILD_ENV.VITE_API_BASE, VITE_ZALO_OA_ID: "" }, "VITE_ZALO_OA_ID: missing"],
  ])("fails with %j and says why, writing nothing", (env, message) => {
    const build = buildZaloPackage(env);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain("The Zalo build (npm run build:zalo) needs these set");
    expect(build.output).toContain(message);
    expect(existsSync(build.www)).toBe(false);
  });
});

describe("npm run build:zalo", { timeout: 120_000 }, () => {
  let build: ZaloBuild;
  let config: BuiltAppConfig;
  let files: string[];
  const code = (file: string) => readFileSync(join(build.www, file), "utf8");

  beforeAll(() => {
    build = buildZaloPackage(ZALO_BUILD_ENV);
    expect(build.status, build.output).toBe(0);
    config = readBuiltAppConfig(build.www);
    files = filesUnder(build.www);
  }, 120_000);

  it("holds only what zmp deploy uploads: app-config.json and scripts and styles under assets/", () => {
    expect(files).toContain("app-config.json");
    for (const file of files.filter((f) => f !== "app-config.json")) expect(file).toMatch(/^assets\/([^/]+\.(module\.js|css)|lesson-prefetch-[\w-]+\.js)$/);
  });

  it("lists the lesson prefetch then the entry in listSyncJS, every other chunk in listAsyncJS and every stylesheet in listCSS", () => {
    const scripts = files.filter((f) => f.endsWith(".js"));
    expect(config.listSyncJS).toHaveLength(2);
    expect(config.listSyncJS[0]).toMatch(/^assets\/lesson-prefetch-[\w-]+\.js$/);
    expect(config.listSyncJS[1]).toMatch(/^assets\/index\.[\w-]+\.module\.js$/);
    expect([...config.listSyncJS, ...config.listAsyncJS].sort()).toEqual(scripts);
    expect(new Set(config.listAsyncJS).size).toBe(config.listAsyncJS.length);
    expect([...config.listCSS].sort()).toEqual(files.filter((f) => f.endsWith(".css")));
    expect(config.listCSS.length).toBeGreaterThan(0);
    expect(config.app).toEqual(sourceAppConfig.app);
  });

  it("starts fetching a linked lesson from VITE_API_BASE with a plain script that imports nothing", () => {
    const prefetch = code(config.listSyncJS[0]!);
    expect(prefetch).toContain(`fetch(${JSON.stringify(ZALO_BUILD_ENV.VITE_API_BASE)}+"/api/lessons/"`);
    expect(prefetch).toContain("window.__knsLesson=");
    const found = importsOf(prefetch);
    expect([...found.static, ...found.dynamic]).toEqual([]);
  });

  it("lists the screens loaded on demand, each after the chunks it imports", () => {
    const entry = config.listSyncJS[1]!;
    const lazy = importsOf(code(entry)).dynamic.map((s) => `assets/${s.replace(/^\.\//, "")}`);
    expect(lazy.length).toBeGreaterThanOrEqual(5);
    for (const chunk of lazy) expect(config.listAsyncJS).toContain(chunk);
    const loaded = new Set(config.listSyncJS);
    for (const file of config.listAsyncJS) {
      for (const dep of importsOf(code(file)).static) expect(loaded, `${dep} before ${file}`).toContain(`assets/${dep.replace(/^\.\//, "")}`);
      loaded.add(file);
    }
  });

  it("loads zmp-sdk and the QR code library only on demand; no chunk is browser-only", () => {
    const importers = (chunk: string, kind: "static" | "dynamic") =>
      files.filter((f) => f.endsWith(".js") && importsOf(code(f))[kind].includes(`./${chunk.slice("assets/".length)}`));
    const entry = config.listSyncJS[1]!;
    // The browser adapter (platform/browser.ts) is a few lines inside the entry; the chunk qrcode's own
    // package would name "browser" is the QR code library, which the certificate needs inside Zalo too.
    expect(files.filter((f) => /\/browser[.-]/.test(f))).toEqual([]);
    const zalo = config.listAsyncJS.find((f) => /\/zalo\.[\w-]+\.module\.js$/.test(f))!;
    expect(importers(zalo, "dynamic")).toEqual([entry]);
    expect(importers(zalo, "static")).toEqual([]);
    const qrcode = config.listAsyncJS.find((f) => /\/qrcode\.[\w-]+\.module\.js$/.test(f))!;
    expect(importers(qrcode, "dynamic")).toEqual([expect.stringMatching(/\/certificate\.[\w-]+\.module\.js$/)]);
    expect(importers(qrcode, "static")).toEqual([]);
    expect(code(qrcode)).not.toContain("zmp-sdk");
  });

  it("imports every chunk by a path relative to the importing chunk, so the package works from any folder", () => {
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const found = importsOf(code(file));
      for (const specifier of [...found.static, ...found.dynamic, ...found.moduleFileStrings]) {
        expect(specifier, `${specifier} in ${file}`).toMatch(/^\.\/[^/]+\.module\.js$/);
        expect(files).toContain(`assets/${specifier.slice(2)}`);
      }
      expect(code(file)).not.toMatch(/["'`]\/assets\//);
    }
  });

  it("calls the API at VITE_API_BASE and follows VITE_ZALO_OA_ID", () => {
    const all = files.filter((f) => f.endsWith(".js")).map(code).join("\n");
    expect(all).toContain(JSON.stringify(ZALO_BUILD_ENV.VITE_API_BASE));
    expect(all).toContain(JSON.stringify(ZALO_BUILD_ENV.VITE_ZALO_OA_ID));
  });

  it("passes zmp-cli-core's deploy checks without a warning and uploads www/ as one zip", async () => {
    const requests: { method: string; url: string; data?: Record<string, unknown> }[] = [];
    const notices: string[] = [];
    UploadRecorder.uploads = [];
    const result = await zmpCliCore.deploy({
      isCustom: true, // zmp deploy --existing
      outputDir: "www",
      cwd: build.cwd,
      target: 2, // DeployType.TESTING (zmp deploy --testing)
      description: "test",
      getToken: async () => "zmp-token",
      ResumableClass: UploadRecorder,
      FileClass: FileRecorder,
      onProgress: () => undefined,
      customLogger: { info: () => undefined, warn: (m) => notices.push(m) },
      // Zalo's answer to request-upload. Which files it requires and which extensions it takes come from
      // Zalo's server; these are the ones a Mini App package needs at the least.
      request: async (r) => {
        requests.push(r);
        return {
          nextVersion: 7,
          identifier: "upload-1",
          uploadConstraints: {
            requiredBuildFiles: { requiredFiles: ["app-config.json"], allowedFiles: [".js", ".css", ".json"] },
            currentUploadCount: { dev: 0, test: 0 },
          },
        };
      },
    });
    expect(result.err).toBe(0);
    expect(notices).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("https://zmp-api.developers.zalo.me/app/request-upload");
    // The config Zalo registers for the version is the built one, with its file lists.
    expect(JSON.parse(String(requests[0]!.data!.config))).toEqual(JSON.parse(code("app-config.json")));
    expect(UploadRecorder.uploads).toEqual([{ name: "www.zip", bytes: expect.any(Number), headers: { Authorization: "Bearer zmp-token" } }]);
    expect(UploadRecorder.uploads[0]!.bytes).toBeLessThan(10 * 1024 * 1024);
  });
});
