/**
 * What the server keeps, in two plain sentences (Personal Data Protection Law 2025: the person must know
 * before choosing). Must stay true to bot-server: progress and scores are kept for everyone, since the
 * lessons run on them; the place needs consent, and reminders are sent only with it.
 */
export function WhatIsKept() {
  return (
    <>
      <p>Bài bạn đã học và điểm kiểm tra luôn được lưu để bạn học tiếp.</p>
      <p>Nếu bạn đồng ý, Kỹ Năng Số lưu thêm tỉnh, xã nơi bạn ở để đếm số người học mỗi xã (không kèm tên), và gửi tin nhắc bạn học theo giờ bạn chọn.</p>
    </>
  );
}
