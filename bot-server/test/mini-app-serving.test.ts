import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { miniAppRouter } from "../src/http/mini-app.js";

/** A built Mini App in a temp folder, like `vite build` leaves it (with the .gz copies). */
function fakeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), "kns-dist-")) + "/";
  mkdirSync(dist + "assets");
  writeFileSync(dist + "index.html", '<!doctype html><html lang="vi"><div id="app"></div></html>');
  const js = "console.log('Kỹ Năng Số');".repeat(50);
  writeFileSync(dist + "assets/index-abc.js", js);
  writeFileSync(dist + "assets/index-abc.js.gz", gzipSync(js));
  writeFileSync(dist + "assets/plain-xyz.css", "body{}");
  return dist;
}

const app = (dist: string) => express().use(miniAppRouter(dist));

describe("serving the built Mini App", () => {
  it("sends the gzip copy of a script to browsers that accept gzip", async () => {
    const res = await request(app(fakeDist()))
      .get("/assets/index-abc.js")
      .set("Accept-Encoding", "gzip, deflate")
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["vary"]).toMatch(/Accept-Encoding/);
    expect(res.headers["cache-control"]).toMatch(/immutable/);
    const body = res.body as Buffer; // superagent may or may not have unzipped it already
    const text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString() : body.toString();
    expect(text).toContain("Kỹ Năng Số");
  });

  it("sends the plain file when gzip is not accepted, or when there is no .gz copy", async () => {
    const dist = fakeDist();
    const plain = await request(app(dist)).get("/assets/index-abc.js").set("Accept-Encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toContain("Kỹ Năng Số");
    const css = await request(app(dist)).get("/assets/plain-xyz.css").set("Accept-Encoding", "gzip");
    expect(css.headers["content-encoding"]).toBeUndefined();
    expect(css.text).toBe("body{}");
  });

  it("never serves a file outside assets through the gzip route", async () => {
    const res = await request(app(fakeDist())).get("/assets/..%2Findex.html").set("Accept-Encoding", "gzip");
    expect(res.headers["content-encoding"]).toBeUndefined();
  });

  it("answers deep links with the app and leaves server paths alone", async () => {
    const dist = fakeDist();
    const deep = await request(app(dist)).get("/lesson/3/quiz?src=buudien").set("Accept", "text/html");
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="app">');
    expect(deep.headers["cache-control"]).toBe("no-cache");
    const api = await request(app(dist)).get("/api/nothing").set("Accept", "text/html");
    expect(api.status).toBe(404);
  });
});
