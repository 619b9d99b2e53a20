import { describe, it } from "vitest";
import { expectProblem, FILES, problemsAfter } from "./helpers.js";

const svg = (edit: (text: string) => string) => problemsAfter(FILES.illustration, edit);

describe("illustration checks", () => {
  it("reports text inside the SVG", () => {
    const problems = svg((t) => t.replace("</svg>", '<text x="10" y="20">Chữ</text>\n</svg>'));
    expectProblem(problems, FILES.illustration, "<text>", /text elements are not allowed/);
  });

  it("reports an SVG over 8 KB", () => {
    const padding = `  <circle cx="10" cy="10" r="5" fill="#000"/>\n`.repeat(200);
    const problems = svg((t) => t.replace("</svg>", `${padding}</svg>`));
    expectProblem(problems, FILES.illustration, "size", /bytes; the limit is 8192 bytes/);
  });

  it("reports external references, scripts and a missing aria-label", () => {
    const problems = svg((t) =>
      t
        .replace(' aria-label="Cửa sổ trình duyệt có tấm khiên"', "")
        .replace("</svg>", '<use href="https://example.com/a.svg#x"/><script>alert(1)</script>\n</svg>'),
    );
    expectProblem(problems, FILES.illustration, "href", /external references are not allowed/);
    expectProblem(problems, FILES.illustration, "<script>", /scripts are not allowed/);
    expectProblem(problems, FILES.illustration, "<svg> aria-label", /is missing/);
  });
});
