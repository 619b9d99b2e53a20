import { useEffect, useState } from "react";
import { watchOutbox } from "../offline/outbox";

/** Tells the person, calmly, that what they did is kept on the phone until the network returns. */
export function SyncNote() {
  const [pending, setPending] = useState(0);
  useEffect(() => watchOutbox(setPending), []);
  if (pending === 0) return null;
  return (
    <p className="notice" role="status">
      Chưa gửi được kết quả lên máy chủ vì mạng yếu. Điện thoại đã giữ lại và sẽ tự gửi khi có mạng.
    </p>
  );
}
