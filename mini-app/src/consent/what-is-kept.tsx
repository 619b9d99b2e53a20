/**
 * What the server keeps, in plain sentences (Personal Data Protection Law 2025: the person must know before
 * choosing). Must stay true to bot-server: progress and scores are kept for everyone, since the lessons run
 * on them, and so is the Zalo name the app signs in with; a certificate, if the person asks for one, carries
 * the name they confirm and shows it on the public check page (learning/final-test.ts); the place needs
 * consent, and reminders are sent only with it. Erasing deletes all of it, the certificate included.
 */
export function WhatIsKept() {
  return (
    <>
      <p>Tên Zalo, bài bạn đã học và điểm kiểm tra luôn được lưu để bạn học tiếp.</p>
      <p>Nếu bạn nhận giấy chứng nhận, tên bạn chọn được in trên đó và hiện trên trang kiểm tra công khai, có đồng ý hay không.</p>
      <p>Nếu bạn đồng ý, Kỹ Năng Số lưu thêm tỉnh, xã nơi bạn ở để đếm số người học mỗi xã (không kèm tên), và gửi tin nhắc bạn học theo giờ bạn chọn.</p>
      <p>Bạn xóa được tất cả, cả giấy chứng nhận, trong Cài đặt.</p>
    </>
  );
}
