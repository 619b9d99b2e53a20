/**
 * Official addresses of the names scammers imitate most often in Vietnam: banks, e-wallets, state
 * services, telecoms and big platforms.
 *
 * STARTING LIST, TO BE REVIEWED by the content team before launch (and again every few months): it was
 * written from what is commonly known of these organisations' sites and could not be checked against
 * each site from the build machine (no internet access there). Entries marked "review" are the least
 * certain. A domain listed here makes the checker say "this is the known official address" (never
 * "an toàn tuyệt đối"). A real domain missing here may be reported as a look-alike (another ending of the
 * same bank); a wrong one would vouch for a stranger, which is worse, so when in doubt leave it out.
 *
 * `domains` match the host itself and every subdomain (ipay.vietinbank.vn). `keywords` are what a
 * look-alike would borrow: the checker searches hosts for them. Keywords under 5 letters only match a
 * whole word of the host (acb-hotro.com, not "acbuild"), so common letter runs do not raise alarms.
 */
export type BrandKind = "bank" | "wallet" | "government" | "utility" | "telecom" | "shop" | "platform" | "safety";

export interface Brand {
  name: string;
  kind: BrandKind;
  domains: readonly string[];
  keywords: readonly string[];
  /** Said with the "official" verdict where the official site itself can carry other people's content. */
  note?: string;
}

export const BRANDS: readonly Brand[] = [
  // Banks (Thông tư 50/2024: since 1/1/2025 they send no links by SMS/email).
  { name: "Vietcombank", kind: "bank", domains: ["vietcombank.com.vn"], keywords: ["vietcombank", "vcb"] },
  { name: "BIDV", kind: "bank", domains: ["bidv.com.vn"], keywords: ["bidv"] },
  { name: "VietinBank", kind: "bank", domains: ["vietinbank.vn"], keywords: ["vietinbank"] },
  { name: "Agribank", kind: "bank", domains: ["agribank.com.vn"], keywords: ["agribank"] },
  // techcombank.com: the bank's main site since its rebranding (review).
  { name: "Techcombank", kind: "bank", domains: ["techcombank.com.vn", "techcombank.com"], keywords: ["techcombank", "tcb"] },
  { name: "MB Bank", kind: "bank", domains: ["mbbank.com.vn"], keywords: ["mbbank"] },
  { name: "TPBank", kind: "bank", domains: ["tpb.vn"], keywords: ["tpbank", "tpb"] },
  { name: "VPBank", kind: "bank", domains: ["vpbank.com.vn"], keywords: ["vpbank"] },
  { name: "ACB", kind: "bank", domains: ["acb.com.vn"], keywords: ["acb"] },
  { name: "Sacombank", kind: "bank", domains: ["sacombank.com.vn"], keywords: ["sacombank"] },
  { name: "HDBank", kind: "bank", domains: ["hdbank.com.vn"], keywords: ["hdbank"] },
  { name: "VIB", kind: "bank", domains: ["vib.com.vn"], keywords: ["vib"] },
  { name: "SHB", kind: "bank", domains: ["shb.com.vn"], keywords: ["shb"] },
  { name: "MSB", kind: "bank", domains: ["msb.com.vn"], keywords: ["msb"] },
  { name: "SeABank", kind: "bank", domains: ["seabank.com.vn"], keywords: ["seabank"] },
  { name: "LPBank", kind: "bank", domains: ["lpbank.com.vn"], keywords: ["lpbank"] },
  { name: "Eximbank", kind: "bank", domains: ["eximbank.com.vn"], keywords: ["eximbank"] },
  { name: "PVcomBank", kind: "bank", domains: ["pvcombank.com.vn"], keywords: ["pvcombank"] },
  { name: "Ngân hàng Chính sách xã hội", kind: "bank", domains: ["vbsp.org.vn"], keywords: ["vbsp"] },

  // E-wallets and payment networks.
  { name: "MoMo", kind: "wallet", domains: ["momo.vn"], keywords: ["momo"] },
  { name: "ZaloPay", kind: "wallet", domains: ["zalopay.vn"], keywords: ["zalopay"] },
  { name: "VNPAY", kind: "wallet", domains: ["vnpay.vn"], keywords: ["vnpay"] },
  { name: "Viettel Money", kind: "wallet", domains: ["viettelmoney.vn"], keywords: ["viettelmoney", "viettelpay"] },
  { name: "VNPT Money", kind: "wallet", domains: ["vnptmoney.vn"], keywords: ["vnptmoney", "vnptpay"] },
  { name: "ShopeePay", kind: "wallet", domains: ["shopeepay.vn"], keywords: ["shopeepay"] },
  { name: "NAPAS", kind: "wallet", domains: ["napas.com.vn"], keywords: ["napas"] },

  // State services. Any other *.gov.vn is recognised as a state address by its ending.
  { name: "Cổng Dịch vụ công quốc gia", kind: "government", domains: ["dichvucong.gov.vn"], keywords: ["dichvucong"] },
  { name: "VNeID", kind: "government", domains: ["vneid.gov.vn"], keywords: ["vneid"] },
  { name: "Cổng thông tin điện tử Chính phủ", kind: "government", domains: ["chinhphu.vn", "baochinhphu.vn"], keywords: ["chinhphu"] },
  { name: "Bộ Công an", kind: "government", domains: ["bocongan.gov.vn"], keywords: ["bocongan"] },
  { name: "Bảo hiểm xã hội Việt Nam", kind: "government", domains: ["baohiemxahoi.gov.vn"], keywords: ["baohiemxahoi", "bhxh"] },
  { name: "Cơ quan thuế", kind: "government", domains: ["gdt.gov.vn"], keywords: ["tongcucthue", "thuedientu"] },
  { name: "Ngân hàng Nhà nước", kind: "government", domains: ["sbv.gov.vn"], keywords: ["nhnn"] },
  { name: "Bộ Công Thương (online.gov.vn)", kind: "government", domains: ["online.gov.vn", "moit.gov.vn"], keywords: ["bocongthuong"] },

  // Where to check and report (content-facts ✅): they are imitated too.
  { name: "Tín nhiệm mạng (NCSC)", kind: "safety", domains: ["tinnhiemmang.vn", "khonggianmang.vn"], keywords: ["tinnhiemmang", "khonggianmang"] },
  { name: "Chống Lừa Đảo", kind: "safety", domains: ["chongluadao.vn"], keywords: ["chongluadao"] },

  // Electricity and post: "cắt điện", "giao hàng" calls come with links.
  { name: "EVN (điện lực)", kind: "utility", domains: ["evn.com.vn", "evnhanoi.vn", "evnhcmc.vn", "evnspc.vn"], keywords: ["evn"] },
  { name: "Bưu điện Việt Nam (VNPost)", kind: "utility", domains: ["vnpost.vn"], keywords: ["vnpost"] },

  // Telecoms: "khóa SIM" scams.
  { name: "Viettel", kind: "telecom", domains: ["viettel.vn", "viettel.com.vn", "viettelpost.com.vn", "viettelstore.vn"], keywords: ["viettel"] },
  { name: "VinaPhone", kind: "telecom", domains: ["vinaphone.com.vn"], keywords: ["vinaphone"] },
  { name: "MobiFone", kind: "telecom", domains: ["mobifone.vn"], keywords: ["mobifone"] },
  { name: "VNPT", kind: "telecom", domains: ["vnpt.vn", "vnpt.com.vn"], keywords: ["vnpt"] },
  // review: fpt.com.vn
  { name: "FPT Telecom", kind: "telecom", domains: ["fpt.vn", "fpt.com.vn"], keywords: ["fpt"] },

  // Shops. shope.ee is Shopee's own short-link domain (review).
  {
    name: "Shopee",
    kind: "shop",
    domains: ["shopee.vn", "shope.ee"],
    keywords: ["shopee"],
    note: "Trên sàn có rất nhiều người bán: vẫn chỉ trả tiền trong ứng dụng, không chuyển khoản riêng cho người bán.",
  },
  {
    name: "Lazada",
    kind: "shop",
    domains: ["lazada.vn"],
    keywords: ["lazada"],
    note: "Trên sàn có rất nhiều người bán: vẫn chỉ trả tiền trong ứng dụng, không chuyển khoản riêng cho người bán.",
  },
  { name: "Tiki", kind: "shop", domains: ["tiki.vn"], keywords: ["tiki"] },

  // Platforms. A zalo.me link can lead to anyone's account or group.
  {
    name: "Zalo",
    kind: "platform",
    domains: ["zalo.me", "zalo.vn", "zaloapp.com", "zalo.cloud"],
    keywords: ["zalo"],
    note: "Đường link zalo.me có thể dẫn tới tài khoản hay nhóm của bất kỳ ai, kể cả kẻ gian. Hãy xem kỹ đó là ai.",
  },
  {
    name: "Facebook",
    kind: "platform",
    domains: ["facebook.com", "fb.com", "fb.me", "fb.watch", "messenger.com", "m.me"],
    keywords: ["facebook"],
    note: "Trang Facebook nào cũng có thể do người lạ lập ra. Hãy xem kỹ ai đăng bài.",
  },
  { name: "Google", kind: "platform", domains: ["google.com", "google.com.vn", "youtube.com", "youtu.be", "maps.app.goo.gl"], keywords: ["google", "youtube"] },
  { name: "TikTok", kind: "platform", domains: ["tiktok.com"], keywords: ["tiktok"] },
  { name: "Apple", kind: "platform", domains: ["apple.com", "icloud.com"], keywords: ["icloud"] },
  { name: "Telegram", kind: "platform", domains: ["telegram.org", "t.me"], keywords: ["telegram"] },
];
