/**
 * What is kept about a person, in the same words in both doors: the chat's consent question and the Mini
 * App's consent card (which imports this file, so it must stay free of imports). Must stay true to the
 * server: "dữ liệu của tôi" (chat/handlers/data-rights.ts) lists the same things. Progress, scores,
 * messages, where someone first came from and (after a Mini App sign-in) the Zalo name are kept whatever
 * the answer, since the lessons and replies run on them; a certificate's name is printed and public; place
 * and reminder time only with consent (learning/consent.ts).
 */

/** Kept whatever the answer. */
export const KEPT_ALWAYS =
  "Dù bạn đồng ý hay không, Kỹ Năng Số luôn lưu: bài bạn đã học, điểm bài kiểm tra và bài thi, " +
  "tin nhắn giữa bạn và Kỹ Năng Số, bạn biết Kỹ Năng Số từ đâu (ví dụ mã QR đã quét), " +
  "và tên Zalo của bạn khi bạn mở ứng dụng Kỹ Năng Số trong Zalo. Những thứ này để bạn học tiếp và để trả lời bạn.";

/** The certificate's name: printed and shown on the public check page, whatever the answer. */
export const CERTIFICATE_NAME_IS_PUBLIC =
  "Nếu bạn nhận giấy chứng nhận, tên bạn chọn được in trên đó và hiện trên trang kiểm tra công khai, dù bạn đồng ý hay không.";

/** Kept only with consent, and what for. */
export const KEPT_WITH_CONSENT =
  "Nếu bạn đồng ý, Kỹ Năng Số lưu thêm tỉnh, xã nơi bạn ở và giờ nhắc, để nhắc bạn học theo giờ bạn chọn " +
  "và đếm số người học mỗi xã (chỉ đếm số, không kèm tên).";

/** Declining costs nothing. */
export const LEARN_EITHER_WAY = "Không đồng ý thì bạn vẫn học được đầy đủ.";

/** The consent sentences in the order both doors show them (before each door's own "how to erase"). */
export const WHAT_IS_KEPT = [KEPT_ALWAYS, CERTIFICATE_NAME_IS_PUBLIC, KEPT_WITH_CONSENT] as const;
