/**
 * The Vietnamese numbering plan as far as the checker needs it (starting list, to be reviewed when the
 * Ministry assigns new prefixes).
 *
 * Carriers are deliberately not named: since 2021 people may change carrier and keep their number, so
 * a prefix no longer says who runs the line. A valid prefix only means "this is a Vietnamese mobile".
 */

/** Three-digit mobile prefixes (0 + 2 digits) in use since the 2018 switch to 10-digit numbers. */
export const MOBILE_PREFIXES: ReadonlySet<string> = new Set([
  "032", "033", "034", "035", "036", "037", "038", "039",
  "052", "055", "056", "058", "059",
  "070", "076", "077", "078", "079",
  "081", "082", "083", "084", "085", "086", "087", "088", "089",
  "090", "091", "092", "093", "094", "096", "097", "098", "099",
]);

/** Digits in a Vietnamese number written with its leading 0. */
export const MOBILE_LENGTH = 10;
/** Landlines: 02 + area code + subscriber, 11 digits with the 0 (024 3xxx xxxx, 0204 xxx xxxx). */
export const LANDLINE_LENGTH = 11;

/** Short numbers people ask about, with what content-facts.md confirms (✅) about each. */
export const SERVICE_NUMBERS: ReadonlyMap<string, string> = new Map([
  ["5656", "Đây là tổng đài 5656, miễn phí: phản ánh tin nhắn rác (soạn S [số gửi] [nội dung]) và cuộc gọi rác (soạn V [số gọi] [nội dung])."],
  ["156", "Đây là đầu số 156, miễn phí: gọi hoặc nhắn để phản ánh cuộc gọi rác, cuộc gọi lừa đảo (soạn LD [số] [nội dung])."],
  ["113", "Đây là số 113 của công an, dùng khi khẩn cấp hoặc để trình báo."],
  ["111", "Đây là Tổng đài quốc gia bảo vệ trẻ em 111, miễn phí, 24/7."],
  ["18006838", "Đây là tổng đài tư vấn, hỗ trợ người tiêu dùng 1800.6838, miễn phí."],
]);

/** Country calling codes, longest first when matched; names in Vietnamese. Unknown codes still count as abroad. */
export const COUNTRY_CODES: ReadonlyMap<string, string> = new Map([
  ["1", "Mỹ hoặc Canada"], ["7", "Nga"], ["20", "Ai Cập"], ["27", "Nam Phi"], ["31", "Hà Lan"],
  ["33", "Pháp"], ["34", "Tây Ban Nha"], ["39", "Ý"], ["41", "Thụy Sĩ"], ["44", "Anh"], ["46", "Thụy Điển"],
  ["48", "Ba Lan"], ["49", "Đức"], ["55", "Brazil"], ["60", "Malaysia"], ["61", "Úc"], ["62", "Indonesia"],
  ["63", "Philippines"], ["64", "New Zealand"], ["65", "Singapore"], ["66", "Thái Lan"], ["81", "Nhật Bản"],
  ["82", "Hàn Quốc"], ["86", "Trung Quốc"], ["90", "Thổ Nhĩ Kỳ"], ["91", "Ấn Độ"], ["92", "Pakistan"],
  ["94", "Sri Lanka"], ["95", "Myanmar"], ["234", "Nigeria"], ["852", "Hồng Kông"], ["853", "Ma Cao"],
  ["855", "Campuchia"], ["856", "Lào"], ["880", "Bangladesh"], ["886", "Đài Loan"], ["971", "UAE"],
]);
