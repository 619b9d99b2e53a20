/**
 * Where someone first came from, in plain words for "dữ liệu của tôi". Zalo's follow event names the
 * place with a code (`oa_profile`, `qr_code`, …); our own QR codes and links carry a poster or card code
 * (`#src:BUUDIEN-NGHEAN-01`, `?src=…`), stored as typed.
 */
const ZALO_SOURCES: Record<string, string> = {
  oa_profile: "trang Kỹ Năng Số trên Zalo",
  qr_code: "quét mã QR của Kỹ Năng Số trên Zalo",
  qr: "quét mã QR của Kỹ Năng Số trên Zalo",
  search: "tìm kiếm trên Zalo",
  article: "một bài viết của Kỹ Năng Số trên Zalo",
  oa_article: "một bài viết của Kỹ Năng Số trên Zalo",
  chat: "khung trò chuyện trên Zalo",
  chat_window: "khung trò chuyện trên Zalo",
  mini_app: "ứng dụng Kỹ Năng Số trong Zalo",
  miniapp: "ứng dụng Kỹ Năng Số trong Zalo",
  widget: "nút Zalo trên một trang web",
  link: "một đường link",
  share: "tin một người khác chia sẻ",
  ads: "quảng cáo trên Zalo",
  zalo_ads: "quảng cáo trên Zalo",
  suggest: "gợi ý của Zalo",
  recommend: "gợi ý của Zalo",
};

const SOMEWHERE = "một đường link hoặc nút trên Zalo";

export function sourceInWords(code: string): string {
  const known = ZALO_SOURCES[code.toLowerCase()];
  if (known) return known;
  // Zalo's codes are lower-case words joined by "_"; anything else is one of our posters or cards.
  if (/^[a-z]+(?:_[a-z]+)*$/.test(code)) return SOMEWHERE;
  return /^[\w-]{1,64}$/.test(code) ? `mã QR ${code}` : SOMEWHERE;
}
