import { describe, expect, it } from "vitest";
import { commandArgument } from "../src/chat/handlers/checker.js";
import { checkText, type CheckResult } from "../src/checker/index.js";
import { BRANDS } from "../src/checker/official-domains.js";
import { formatCheckReply, MAX_REPLY_CHARS, strangeAppAdvice } from "../src/checker/reply.js";
import { editDistance, letterReadings, skeleton } from "../src/checker/similarity.js";

const only = (text: string, explicit = false): CheckResult => {
  const results = checkText(text, { explicit });
  expect(results, `one result for ${JSON.stringify(text)}`).toHaveLength(1);
  return results[0]!;
};
const codes = (r: CheckResult) => r.findings.map((f) => f.code);

describe("links: true positives, one per signal", () => {
  it.each([
    ["vietcombank-xacminh.com", "brand_lookalike", "vietcombank-xacminh.com"],
    ["Vào ngay vietcombank-hotro.com, rồi nhập mã nhé.", "brand_lookalike", "vietcombank-hotro.com"],
    ["https://vietcombamk.com/dang-nhap", "brand_lookalike", "vietcombamk.com"],
    ["agribank-vn.top", "brand_lookalike", "agribank-vn.top"],
    ["acb-hotro.com", "brand_lookalike", "acb-hotro.com"],
    ["shopeepay-hoantien.com", "brand_lookalike", "shopeepay-hoantien.com"],
    ["vietc0mbank.com", "digits_for_letters", "vietc0mbank.com"],
    ["https://agr1bank.com.vn", "digits_for_letters", "agr1bank.com.vn"],
    ["vietcornbank.vn", "digits_for_letters", "vietcornbank.vn"],
    ["vietcombank.com", "brand_wrong_ending", "vietcombank.com"],
    ["https://bidv.net/khach-hang", "brand_wrong_ending", "bidv.net"],
    ["http://vietcombank.com.vn.abc.xyz/login", "brand_subdomain_trick", "vietcombank.com.vn.abc.xyz"],
    ["https://vietcоmbank.com", "lookalike_letters", "vietcоmbank.com"], // Cyrillic о
    ["https://xn--pple-43d.com", "mixed_scripts", "аpple.com"], // Cyrillic а, Latin pple
    ["https://dichvucong.bvgov.com/tai-app", "government_word_outside_gov_vn", "dichvucong.bvgov.com"],
    ["congan-hanoi.com/giay-trieu-tap", "government_word_outside_gov_vn", "congan-hanoi.com"],
    ["tra-cuu-phatnguoi.net", "government_word_outside_gov_vn", "tra-cuu-phatnguoi.net"],
    ["http://103.45.67.8/login", "raw_ip_host", "103.45.67.8"],
    ["https://vietcombank.com.vn@evil.xyz/", "at_sign_in_authority", "evil.xyz"],
    ["tải ứng dụng tại https://abc.top/VNeID.apk nhé", "app_package", "abc.top"],
    ["http://cdn.example.com/get?file=dichvucong.apk", "app_package", "cdn.example.com"],
  ])("%s → likely_scam (%s)", (text, code, display) => {
    const r = only(text);
    expect(r.verdict).toBe("likely_scam");
    expect(codes(r)).toContain(code);
    expect(r.display).toBe(display);
  });

  it.each([
    ["bit.ly/3abcd", "shortener"],
    ["https://tinyurl.com/xyz123", "shortener"],
    ["quatet.xyz", "risky_tld"],
    ["http://example.com/form", "plain_http"],
    ["https://example.com:8443/", "unusual_port"],
    ["https://a.b.c.d.e.example.com/", "long_host"],
    ["hotro-khachhang.com", "scam_word"],
    ["secure-login.net", "scam_word"],
    ["https://xn--80ak6aa92e.com", "punycode"],
  ])("%s → suspicious (%s)", (text, code) => {
    const r = only(text);
    expect(r.verdict).toBe("suspicious");
    expect(codes(r)).toContain(code);
  });

  it("adds up warnings: three together make a likely scam", () => {
    const r = only("http://khuyenmai-tet.top:8080/");
    expect(codes(r)).toEqual(expect.arrayContaining(["scam_word", "risky_tld", "plain_http", "unusual_port"]));
    expect(r.verdict).toBe("likely_scam");
  });

  it("sees through invisible characters, defanged dots, capitals and emoji around the link", () => {
    for (const text of ["viet\u200bcombank-hotro.com", "vietcombank-hotro[.]com", "VIETCOMBANK-HOTRO.COM", "👉 vietcombank-hotro.com 👈", "“vietcombank-hotro.com”"]) {
      const r = only(text);
      expect(r.display, text).toBe("vietcombank-hotro.com");
      expect(r.verdict, text).toBe("likely_scam");
    }
  });

  it("reads a look-alike written in Vietnamese letters (IDN) as the brand it imitates", () => {
    const r = only("https://vietcómbank.com/");
    expect(r.verdict).toBe("likely_scam");
    expect(r.brand?.name).toBe("Vietcombank");
  });

  it("names the real address of the imitated brand in the finding", () => {
    const r = only("momo-nhanqua.xyz");
    expect(r.brand?.officialDomain).toBe("momo.vn");
    expect(r.findings[0]!.text).toContain("momo.vn");
  });
});

describe("links: official addresses and false-positive guards", () => {
  it.each([
    "vietcombank.com.vn", "https://www.bidv.com.vn/", "vietinbank.vn", "ipay.vietinbank.vn", "agribank.com.vn/vn/ca-nhan",
    "techcombank.com.vn", "mbbank.com.vn", "tpb.vn", "vpbank.com.vn", "acb.com.vn", "sacombank.com.vn", "momo.vn",
    "zalopay.vn", "vnpay.vn", "viettelmoney.vn", "shopee.vn", "lazada.vn", "tiki.vn", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "https://vneid.gov.vn", "zalo.me/s/1234567890/lesson/3", "https://m.facebook.com/story.php?id=1", "tinnhiemmang.vn", "chongluadao.vn",
  ])("%s → official", (text) => {
    const r = only(text);
    expect(r.verdict).toBe("official");
    expect(codes(r)).toEqual(["official_domain"]);
  });

  it("recognises any .gov.vn address as a state address, even with state words in it", () => {
    for (const text of ["https://bhxh.hanoi.gov.vn/tra-cuu", "congan.camau.gov.vn"]) {
      const r = only(text);
      expect(r.verdict, text).toBe("official");
      expect(codes(r), text).toEqual(["government_domain"]);
    }
  });

  it("keeps plain http on an official site a remark, not a warning", () => {
    const r = only("http://vietcombank.com.vn");
    expect(r.verdict).toBe("official");
    expect(r.findings.find((f) => f.code === "plain_http")?.severity).toBe("info");
  });

  it("only remarks on a brand name in the path: news about a bank is not a scam", () => {
    const news = only("https://vnexpress.net/vietcombank-canh-bao-lua-dao-4801234.html");
    expect(news.verdict).toBe("no_warning_signs");
    expect(codes(news)).toEqual(["brand_in_path"]);
    expect(news.findings[0]!.text).toContain("vnexpress.net");
  });

  it("warns, without alarm, about a global platform's other country sites; ignores English words in subdomains", () => {
    const sg = only("https://shopee.sg/product/1");
    expect(codes(sg)).toEqual(["brand_wrong_ending"]);
    expect(sg.verdict).toBe("suspicious");
    expect(only("https://login.microsoftonline.com/").verdict).toBe("no_warning_signs");
  });

  it("does not take a four-letter brand for a near word (wiki is not tiki) nor rental words for tax", () => {
    expect(only("wiki.com").verdict).toBe("no_warning_signs");
    expect(only("thue-xe-gia-re.com").verdict).toBe("no_warning_signs");
  });

  it.each([
    [""],
    ["   "],
    ["🙏🙏👵🏻📱"],
    ["tôi 65 tuổi"],
    ["giá 150.000đ"],
    ["1.500.000 đồng"],
    ["ngày 20/11/2025"],
    ["20-11-2025"],
    ["hẹn lúc 20:30"],
    ["Bà ơi, con học bài 3 nhé, 100% miễn phí!"],
    ["Tôi muốn học.Co được không"],
    ["Cho hỏi.Ai biết không"],
    ["Chuyển vào.TK của con"],
    ["Tôi ở TP.HCM, Q.1"],
    ["email của tôi là abc@gmail.com"],
    ["phiên bản 1.2.3.4"],
    ["Mã OTP 123456"],
    ["STK 0071001234567 Vietcombank"],
    ["CCCD 001234567890"],
    ["Ông.Bà đi chợ v.v."],
    ["Đăng ký học Kỹ Năng Số thế nào ạ?"],
  ])("nothing to check in %j", (text) => {
    expect(checkText(text)).toEqual([]);
  });

  it("copes with very long text: a link inside is still found, filler alone finds nothing", () => {
    const filler = "Hôm nay trời đẹp, bà đi chợ mua rau. ".repeat(300);
    expect(checkText(filler)).toEqual([]);
    expect(checkText(filler.slice(0, 1000) + " vietcombank-hotro.com " + filler)[0]?.display).toBe("vietcombank-hotro.com");
    expect(checkText("a".repeat(100_000) + ".".repeat(50_000))).toEqual([]);
  });

  it("puts the riskiest first and reports a repeated link once", () => {
    const results = checkText("tiki.vn, bit.ly/abc và vietcombank-hotro.com, lại vietcombank-hotro.com");
    expect(results.map((r) => r.verdict)).toEqual(["likely_scam", "suspicious", "official"]);
  });

  it("never calls anything absolutely safe", () => {
    const all = ["vietcombank.com.vn", "wiki.com", "0912345678", "5656", "vietcombank-hotro.com", "+855 12 345 678"].flatMap((t) => checkText(t));
    for (const text of [...all.flatMap((r) => r.findings.map((f) => f.text)), formatCheckReply(all)]) {
      expect(text.toLowerCase()).not.toContain("an toàn tuyệt đối");
    }
  });
});

describe("phone numbers", () => {
  it.each(["0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "+84912345678", "84912345678", "+84 0912345678", "ĐT:0912345678"])(
    "%s → Vietnamese mobile, shown grouped",
    (text) => {
      const r = only(text);
      expect(r.kind).toBe("phone");
      expect(codes(r)).toEqual(["vn_mobile"]);
      expect(r.verdict).toBe("no_warning_signs");
      expect(r.display).toBe("0912 345 678");
    },
  );

  it("finds a number inside a Vietnamese sentence, and two numbers written side by side", () => {
    expect(checkText("Có người gọi từ số 0987654321 bảo tôi trúng thưởng").map((r) => r.display)).toEqual(["0987 654 321"]);
    expect(checkText("0912 345 678 0987 654 321").map((r) => r.display)).toEqual(["0912 345 678", "0987 654 321"]);
    expect(checkText("0912345678/0987654321")).toHaveLength(2);
  });

  it("recognises landlines", () => {
    const r = only("(028) 3822 1234");
    expect(codes(r)).toEqual(["vn_landline"]);
    expect(r.display).toBe("028 3822 1234");
  });

  it.each([
    ["+855 12 345 678", "Campuchia"],
    ["+1 202 555 0143", "Mỹ"],
    ["+86 138 0013 8000", "Trung Quốc"],
  ])("%s → foreign number (%s), suspicious", (text, country) => {
    const r = only(text);
    expect(codes(r)).toContain("foreign_number");
    expect(r.verdict).toBe("suspicious");
    expect(r.findings[0]!.text).toContain(country);
  });

  it("flags a 10-digit number with a prefix no Vietnamese mobile uses", () => {
    const r = only("0123456789");
    expect(codes(r)).toEqual(["unknown_mobile_prefix"]);
    expect(r.verdict).toBe("suspicious");
  });

  it("explains wrong lengths when the number is sent alone, ignores them inside a sentence", () => {
    expect(codes(only("091234567"))).toEqual(["wrong_length"]);
    expect(only("091234567").verdict).toBe("suspicious");
    expect(checkText("mã đơn 091234567 đã giao")).toEqual([]);
    const account = only("0071001234567");
    expect(account.verdict).toBe("no_warning_signs");
    expect(account.findings[0]!.text).toContain("tinnhiemmang.vn/tra-cuu-tai-khoan");
  });

  it("explains 1900 (the caller pays) and 1800 numbers", () => {
    const premium = only("Tổng đài 1900 1234 gọi cho tôi");
    expect(codes(premium)).toEqual(["premium_1900"]);
    expect(premium.findings[0]!.text).toContain("người gọi trả tiền");
    expect(codes(only("1800 1234"))).toEqual(["toll_free_1800"]);
    expect(codes(only("19001234567"))).toContain("wrong_length");
    expect(codes(only("+84 1900 1234"))).toEqual(["premium_1900"]);
    expect(codes(only("+84 24 3822 1234"))).toEqual(["vn_landline"]);
  });

  it("knows the report and emergency numbers, only when sent alone or after kiểm tra", () => {
    expect(only("5656").verdict).toBe("official");
    expect(only("156?").findings[0]!.text).toContain("LD");
    expect(only("113").verdict).toBe("official");
    expect(codes(only("1800 6838"))).toContain("service_number");
    expect(checkText("tôi gọi 113 rồi")).toEqual([]);
    expect(codes(only("8077", true))).toEqual(["short_code"]);
    expect(checkText("8077")).toEqual([]);
  });

  it("does not read digits in links as phone numbers", () => {
    const results = checkText("https://example.com/order/0912345678");
    expect(results.map((r) => r.kind)).toEqual(["url"]);
  });
});

describe("chat reply", () => {
  it("stays within one Zalo message and three items, riskiest first, even for a flood of links", () => {
    const text = Array.from({ length: 30 }, (_, i) => `http://vietcombank-xacminh-tai-khoan-${i}.abc.xyz.example.top:8080/app.apk`).join(" ") + " 0912345678";
    const reply = formatCheckReply(checkText(text));
    expect(reply.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(reply).toContain("Tin của bạn có 30 đường link và 1 số điện thoại.");
    expect(reply.match(/^🔗|^📞/gmu)).toHaveLength(3);
  });

  it("tells what to do: look-up sites for links, 5656 for a scam link, 156 for a number, bank rule for bank look-alikes", () => {
    const link = formatCheckReply(checkText("vietcombank-xacminh.com"));
    expect(link).toContain("Rất có thể là lừa đảo");
    expect(link).toContain("tinnhiemmang.vn");
    expect(link).toContain("chongluadao.vn");
    expect(link).toContain("gửi 5656");
    expect(link).toContain("ngân hàng không gửi tin nhắn");
    const phone = formatCheckReply(checkText("+855 12 345 678"));
    expect(phone).toContain("LD +85512345678");
    expect(phone).toContain("gửi 156");
    expect(phone).toContain("OTP");
  });

  it("gives reporting advice only where it applies: not for an account number, none at all for 5656 itself", () => {
    const account = formatCheckReply(checkText("0071001234567"));
    expect(account).toContain("dãy số");
    expect(account).not.toContain("LD ");
    expect(account).toContain("tra-cuu-tai-khoan");
    const official = formatCheckReply(checkText("5656"));
    expect(official).toContain("tổng đài 5656");
    expect(official).not.toContain("Bạn nên");
    const premium = formatCheckReply(checkText("1900 1234"));
    expect(premium).toContain("OTP");
    expect(premium).not.toContain("LD ");
  });

  it("for an app download, says to cut the network before calling the bank, and that uninstalling is not enough", () => {
    const reply = formatCheckReply(checkText("https://abc.top/VNeID.apk"));
    const network = reply.indexOf("tắt ngay Wi-Fi và dữ liệu di động");
    const bank = reply.indexOf("gọi ngay ngân hàng theo số in trên thẻ ngân hàng");
    expect(network).toBeGreaterThan(-1);
    expect(bank).toBeGreaterThan(network);
    expect(reply).toContain("Gỡ ứng dụng là chưa đủ");
    expect(reply.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  });

  it("gives the shared safety steps in their order: network, bank (another phone), not enough to uninstall, reset, passwords, police", () => {
    const steps = [
      "tắt ngay Wi-Fi và dữ liệu di động",
      "gọi ngay ngân hàng theo số in trên thẻ",
      "dùng một điện thoại khác nếu có",
      "Gỡ ứng dụng là chưa đủ",
      "khôi phục cài đặt gốc",
      "đổi mật khẩu ngân hàng, Zalo và VNeID trên một máy an toàn",
      "báo công an xã, phường",
    ];
    const inOrder = (text: string) => steps.map((step) => text.indexOf(step)).every((at, i, all) => at > -1 && (i === 0 || at > all[i - 1]!));
    const reply = formatCheckReply(checkText("https://abc.top/VNeID.apk"));
    expect(inOrder(reply)).toBe(true);
    // Room enough: the shop copies photos and contacts before the reset.
    expect(reply).toContain("nhờ cửa hàng chép lại ảnh, danh bạ trước khi khôi phục cài đặt gốc");
    expect(inOrder(strangeAppAdvice(false))).toBe(true);
    expect(strangeAppAdvice(false)).not.toContain("chép lại");
    // A crowded reply still fits in one message and keeps the steps (the backup step goes first if needed).
    const crowded = formatCheckReply(
      checkText("https://vietcombank-xacminh.top/VNeID.apk https://dichvucong-gov.xyz/app.apk https://abc.top/tai.apk 0912345678 0987654321"),
    );
    expect(crowded.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(inOrder(crowded)).toBe(true);
  });

  it("shows the most serious reason first", () => {
    const r = only("https://abc.top/VNeID.apk");
    expect(r.findings.map((f) => f.severity)).toEqual(["danger", "warning", "info"]);
    expect(formatCheckReply([r])).toMatch(/lừa đảo\.\n• Link này tải về một tệp cài ứng dụng/u);
  });

  it("adds the brand's caveat for official platforms where anyone can post", () => {
    const reply = formatCheckReply(checkText("zalo.me/g/abcdef"));
    expect(reply).toContain("Địa chỉ chính thức mà tôi biết");
    expect(reply).toContain("bất kỳ ai");
  });

  it("writes Vietnamese in NFC", () => {
    const reply = formatCheckReply(checkText("vietcombank-xacminh.com 0912345678"));
    expect(reply).toBe(reply.normalize("NFC"));
  });
});

describe("kiểm tra / check argument", () => {
  it.each([
    ["kiểm tra vietcombank-hotro.com", "vietcombank-hotro.com"],
    ["Kiem tra: 0912 345 678", "0912 345 678"],
    ["KIỂM TRA   https://Bit.ly/AbC", "https://Bit.ly/AbC"],
    ["check bit.ly/x", "bit.ly/x"],
    ["kiemtra 5656", "5656"],
    ["kiểm tra", ""],
  ])("%j → %j", (text, arg) => {
    expect(commandArgument(text)).toBe(arg);
  });

  it("is not a command in the middle of a sentence", () => {
    expect(commandArgument("tôi muốn kiểm tra bài 3")).toBeUndefined();
    expect(commandArgument("kiểm")).toBeUndefined();
  });

  it("accepts any ending and short numbers only when asked explicitly", () => {
    expect(checkText("abc.hotro")).toEqual([]);
    expect(only("abc.hotro", true).display).toBe("abc.hotro");
    expect(checkText("3", { explicit: true })).toEqual([]);
  });
});

describe("building blocks", () => {
  it("measures edit distance with swapped neighbours as one edit", () => {
    expect(editDistance("vietcombank", "vietcombank")).toBe(0);
    expect(editDistance("vietcombamk", "vietcombank")).toBe(1);
    expect(editDistance("vietcmobank", "vietcombank")).toBe(1);
    expect(editDistance("abc", "xyz12345", 2)).toBe(3);
  });

  it("reads digits and letter pairs as the letters they imitate", () => {
    expect(letterReadings("vietc0mbank")).toEqual(["vietcombank"]);
    expect(letterReadings("agr1bank")).toContain("agribank");
    expect(letterReadings("vietcornbank")).toEqual(["vietcombank"]);
    expect(skeleton("vіеtсоmbаnk")).toBe("vietcombank"); // Cyrillic і е с о а
  });

  it("keeps official domains unique across brands and lower case", () => {
    const all = BRANDS.flatMap((b) => b.domains);
    expect(new Set(all).size).toBe(all.length);
    for (const d of all) expect(d).toBe(d.toLowerCase());
  });
});
