// scripts/deploy-zalo.sh (npm run deploy:app) in a throwaway copy of the repository, with `npm` and `npx`
// replaced by recorders: what it would pass to zmp-cli, and when it stops before building.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../scripts/deploy-zalo.sh", import.meta.url));

interface Run {
  status: number | null;
  stderr: string;
  /** Each recorded command, one argument per line. */
  commands: string[][];
}

function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "kns-deploy-"));
  mkdirSync(join(dir, "scripts"));
  copyFileSync(SCRIPT, join(dir, "scripts/deploy-zalo.sh"));
  writeFileSync(join(dir, ".gitignore"), "bin/\nrecord\n.env\n");
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  // Recorders for npm and npx: one line per argument, a blank line after each command.
  mkdirSync(join(dir, "bin"));
  for (const tool of ["npm", "npx"]) {
    writeFileSync(join(dir, "bin", tool), `#!/usr/bin/env bash\n{ echo ${tool}; printf '%s\\n' "$@"; echo; } >> "${join(dir, "record")}"\n`);
    chmodSync(join(dir, "bin", tool), 0o755);
  }
  return dir;
}

function deploy(dir: string, args: string[], env: Record<string, string> = { APP_ID: "3141592653589793238", ZMP_TOKEN: "tok" }): Run {
  const run = spawnSync("bash", [join(dir, "scripts/deploy-zalo.sh"), ...args], {
    cwd: dir,
    env: { PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
  });
  let recorded = "";
  try {
    recorded = readFileSync(join(dir, "record"), "utf8");
  } catch {
    // Nothing ran.
  }
  const commands = recorded
    .split("\n\n")
    .filter((c) => c.trim() !== "")
    .map((c) => c.replace(/^\n/, "").split("\n"));
  return { status: run.status, stderr: run.stderr, commands };
}

const head = (dir: string) => spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" }).stdout.trim();
const descriptions = (cmd: string[]) => cmd.flatMap((a, i) => (a === "--desc" ? [cmd[i + 1]] : a.startsWith("--desc=") ? [a.slice(7)] : []));

describe("npm run deploy:app", () => {
  it("builds, then uploads a Testing version described by the commit", () => {
    const dir = repoCopy();
    const run = deploy(dir, []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.commands[0]).toEqual(["npm", "run", "build:zalo", "--silent"]);
    const zmp = run.commands[1]!;
    expect(zmp.slice(0, 8)).toEqual(["npx", "--yes", "zmp-cli@4.0.3", "deploy", "--existing", "--outputDir", "www", "--testing"]);
    expect(descriptions(zmp)).toEqual([`Kỹ Năng Số ${head(dir)}`]);
  });

  it.each([[["--desc", "Bài 13"]], [["--desc=Bài 13"]]])("passes the README's own %j once, without adding the default", (args) => {
    const run = deploy(repoCopy(), args);
    expect(run.status, run.stderr).toBe(0);
    expect(descriptions(run.commands[1]!)).toEqual(["Bài 13"]);
  });

  it("takes ZMP_DEPLOY_DESC when no --desc is given", () => {
    const run = deploy(repoCopy(), [], { APP_ID: "1", ZMP_TOKEN: "t", ZMP_DEPLOY_DESC: "Bản thử bưu điện" });
    expect(descriptions(run.commands[1]!)).toEqual(["Bản thử bưu điện"]);
  });

  it("marks the commit -dirty when the work tree has uncommitted changes", () => {
    const dir = repoCopy();
    writeFileSync(join(dir, "scripts/deploy-zalo.sh"), `${readFileSync(join(dir, "scripts/deploy-zalo.sh"), "utf8")}\n`);
    const run = deploy(dir, []);
    expect(run.status, run.stderr).toBe(0);
    expect(descriptions(run.commands[1]!)).toEqual([`Kỹ Năng Số ${head(dir)}-dirty`]);
  });

  it("reads APP_ID and ZMP_TOKEN from ./.env, where zmp login writes them", () => {
    const dir = repoCopy();
    writeFileSync(join(dir, ".env"), "APP_ID=3141592653589793238\nZMP_TOKEN=abc\n");
    expect(deploy(dir, [], {}).status).toBe(0);
  });

  it.each([
    [{ ZMP_TOKEN: "t" }, "APP_ID not set"],
    [{ APP_ID: "1" }, "ZMP_TOKEN not set"],
    [{}, "APP_ID ZMP_TOKEN not set"],
    [{ APP_ID: "", ZMP_TOKEN: "" }, "APP_ID ZMP_TOKEN not set"],
  ])("stops before building without the Mini App id or the token (%j)", (env, message) => {
    const dir = repoCopy();
    writeFileSync(join(dir, ".env"), "APP_ID=\nZMP_TOKEN=\n");
    const run = deploy(dir, [], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("zmp-cli@4.0.3 login");
    expect(run.commands).toEqual([]);
  });

  it("refuses a stray ./app-config.json, which zmp deploy would upload instead of www/'s", () => {
    const dir = repoCopy();
    writeFileSync(join(dir, "app-config.json"), "{}");
    const run = deploy(dir, []);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("remove ./app-config.json");
    expect(run.commands).toEqual([]);
  });
});
