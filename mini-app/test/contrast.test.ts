import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// WCAG 2.1 contrast of the colour pairs app.css actually uses; AA needs 4.5:1 for normal text.
const css = readFileSync(`${process.cwd()}/mini-app/src/app.css`, "utf8");
const colour = (name: string): string => {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(css);
  if (!m) throw new Error(`--${name} missing from app.css`);
  return m[1]!;
};

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("colour contrast (WCAG AA)", () => {
  const pairs: [string, string][] = [
    ["ink", "paper"],
    ["ink", "ground"],
    ["muted", "paper"],
    ["muted", "ground"],
    ["on-primary", "primary"],
    ["primary", "paper"],
    ["on-soft", "soft"],
    ["on-primary", "danger"],
    ["right-ink", "right-bg"],
    ["wrong-ink", "wrong-bg"],
    ["ink", "warn-bg"],
  ];
  for (const [fg, bg] of pairs) {
    it(`${fg} on ${bg} is at least 4.5:1`, () => {
      expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("the checker itself knows black on white is 21:1 and a light grey fails", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#b9bdc1", "#ffffff")).toBeLessThan(4.5);
  });
});

describe("sizes follow the text-size setting", () => {
  it("app.css sizes text and spacing in rem/em only (no px except the 18 px root)", () => {
    const px = [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/(\d+(?:\.\d+)?)px/g)].map((m) => m[0]);
    expect(px.filter((v) => v !== "0px")).toEqual(["18px"]);
  });

  it("tap targets are at least 48 px at the smallest text size", () => {
    const tap = /--tap:\s*([\d.]+)rem/.exec(css);
    expect(Number(tap?.[1]) * 18).toBeGreaterThanOrEqual(48);
  });
});
