import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "../src/markdown.js";

describe("markdown", () => {
  it("keeps HTML out of the output and does not auto-link or prettify", () => {
    expect(renderMarkdown('Gõ <b>đậm</b> "x" -- vào https://example.gov.vn')).toBe(
      "<p>Gõ &lt;b&gt;đậm&lt;/b&gt; &quot;x&quot; -- vào https://example.gov.vn</p>\n",
    );
  });

  it("strips formatting to plain text but keeps every word, one line per block", () => {
    const source = "## Bước đầu\nMở **Cài đặt** rồi bấm [Cập nhật](https://example.gov.vn).\n\n- Ý *một*\n- Ý `hai`";
    expect(markdownToPlainText(source)).toBe("Bước đầu\nMở Cài đặt rồi bấm Cập nhật.\nÝ một\nÝ hai");
  });
});
