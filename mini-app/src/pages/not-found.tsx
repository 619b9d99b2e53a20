import { GoButton } from "../ui/go-button";
import { Screen } from "../ui/screen";

export function NotFoundPage() {
  return (
    <Screen title="Không tìm thấy trang" back="/">
      <p>Đường link này không có trong Kỹ Năng Số.</p>
      <GoButton to="/">Về trang chính</GoButton>
    </Screen>
  );
}
