import { RequestError } from "../offline/http";

/** What went wrong, in words an older person can act on. */
export function errorText(err: unknown): string {
  if (err instanceof RequestError) {
    if (err.kind === "offline") return "Điện thoại đang không có mạng. Bạn kiểm tra Wi-Fi hoặc 4G rồi bấm “Thử lại” nhé.";
    if (err.kind === "server") return "Máy chủ đang bận hoặc gặp lỗi. Bạn chờ một lát rồi bấm “Thử lại” nhé.";
    if (err.kind === "unauthenticated") return "Chưa đăng nhập được. Bạn bấm “Thử lại” nhé.";
    if (err.userMessage) return err.userMessage;
    if (err.status === 404) return "Không tìm thấy nội dung này.";
  }
  return "Đã có lỗi xảy ra. Bạn bấm “Thử lại” nhé.";
}
