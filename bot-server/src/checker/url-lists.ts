/**
 * Word and domain lists behind the link signals. Starting lists, to be reviewed with the content team;
 * adding a line here is the whole change needed to teach the checker a new pattern.
 */

/**
 * Top-level domains that are cheap to register and over-represented in phishing reports (Spamhaus,
 * Interisle, APWG yearly studies). A warning sign only: real shops use some of them too.
 */
export const RISKY_TLDS: ReadonlySet<string> = new Set([
  // new gTLDs sold for very little, the most abused in recent phishing studies
  "xyz", "top", "click", "icu", "buzz", "shop", "vip", "online", "site", "live", "club", "fun",
  "monster", "cyou", "sbs", "cfd", "bond", "rest", "lol", "quest", "work", "win", "bid", "loan",
  // formerly free ccTLDs (Freenom) and other ccTLDs with lax registration
  "tk", "ml", "ga", "cf", "gq", "cc", "pw",
]);

/** URL shorteners: the real destination is hidden until clicked. Official short domains are in BRANDS. */
export const SHORTENERS: ReadonlySet<string> = new Set([
  "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "v.gd", "cutt.ly", "rebrand.ly",
  "shorturl.at", "rb.gy", "tiny.cc", "t.ly", "s.id", "t.co", "lnkd.in", "qrco.de", "surl.li", "clck.ru",
  "short.gy", "tinu.be", "shorten.asia",
]);

/**
 * Words naming a state body or state service. Outside .gov.vn (and outside the official list) they are a
 * strong sign: trang của cơ quan nhà nước có đuôi .gov.vn (content-facts ✅). Plain "thue" is left out
 * because it also spells "thuê" (thue-xe, cho-thue-nha).
 */
export const GOVERNMENT_WORDS: readonly { word: string; label: string }[] = [
  { word: "dichvucong", label: "dịch vụ công" },
  { word: "chinhphu", label: "chính phủ" },
  { word: "congan", label: "công an" },
  { word: "canhsat", label: "cảnh sát" },
  { word: "bhxh", label: "bảo hiểm xã hội" },
  { word: "baohiemxahoi", label: "bảo hiểm xã hội" },
  { word: "cucthue", label: "cục thuế" },
  { word: "tongcucthue", label: "tổng cục thuế" },
  { word: "hoanthue", label: "hoàn thuế" },
  { word: "nopthue", label: "nộp thuế" },
  { word: "vneid", label: "VNeID" },
  { word: "dinhdanh", label: "định danh" },
  { word: "cccd", label: "căn cước" },
  { word: "phatnguoi", label: "phạt nguội" },
  { word: "toaan", label: "tòa án" },
  { word: "vienkiemsat", label: "viện kiểm sát" },
  { word: "ubnd", label: "ủy ban nhân dân" },
  { word: "gov", label: "gov (chính phủ)" },
];

/**
 * Words scammers glue to a brand or use alone to sound official ("-xacminh", "-hotro", "cskh-").
 * Vietnamese words match anywhere in the host; English ones only as a whole word of the name the owner
 * bought (secure-login.xyz), not of a subdomain (login.microsoftonline.com) nor inside a word ("insecurely").
 */
export const SCAM_WORDS_ANYWHERE: readonly string[] = [
  "xacminh", "xacthuc", "hotro", "cskh", "khuyenmai", "uudai", "trungthuong", "nhanqua", "quatang",
  "tangqua", "hoantien", "nhanthuong", "nhantien", "dangnhap", "capnhat", "mokhoa", "giaingan",
  "vaytien", "chuyentien",
];
export const SCAM_WORDS_WHOLE: readonly string[] = [
  "login", "signin", "verify", "verification", "secure", "security", "update", "account", "support",
  "bonus", "gift", "reward", "claim", "wallet", "unlock", "vn", "online",
];

/**
 * Public suffixes with two labels that matter here (the full Public Suffix List is not needed to find
 * "who owns this host" for Vietnamese look-alikes).
 */
export const TWO_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  "com.vn", "net.vn", "org.vn", "edu.vn", "gov.vn", "info.vn", "biz.vn", "name.vn", "pro.vn", "health.vn",
  "ac.vn", "int.vn", "co.uk", "org.uk", "gov.uk", "com.au", "gov.au", "com.cn", "gov.cn", "com.sg", "gov.sg",
  "co.kr", "co.jp", "com.hk", "com.tw", "com.my", "co.th", "com.kh", "com.br",
]);

/**
 * Endings recognised in a link written without "http" or "www" ("vietcombank-xacminh.com"). Endings that
 * are also Vietnamese words or abbreviations typed after a missing space ("co", "la", "me", "ai", "tk" for
 * tài khoản, "kh" for khách hàng, "gd", "th"…) are left out so "Cho hỏi.Ai biết" is not read as a link;
 * shorteners and official hosts are recognised by name (bit.ly, zalo.me), and with "kiểm tra" in front
 * any ending is accepted.
 */
const VIETNAMESE_LOOKING_TLDS = new Set(["tk", "cc"]);
export const BARE_LINK_TLDS: ReadonlySet<string> = new Set([
  "vn", "com", "net", "org", "info", "biz", "io", "app", "dev", "link", "store", "asia", "tv",
  "cn", "ru", "us", "uk", "eu", "kr", "jp", "sg", "hk", "tw",
  ...[...RISKY_TLDS].filter((t) => !VIETNAMESE_LOOKING_TLDS.has(t)),
]);

/** Application packages for Android: scammers send them to take over phones. */
export const APP_PACKAGE = /\.(apk|xapk|apks|apkm)$/i;
