import type { NextStep } from "./schemas";

/** Where "Học tiếp" leads, and what it says. */
export function nextStepLink(next: NextStep | null): { to: string; label: string } {
  if (!next) return { to: "/lesson/1", label: "Bài 1" };
  switch (next.kind) {
    case "lesson":
      return { to: `/lesson/${next.lessonId ?? 1}`, label: `Bài ${next.lessonId ?? 1}` };
    case "quiz":
      return { to: `/lesson/${next.lessonId ?? 1}/quiz`, label: `Bài kiểm tra của Bài ${next.lessonId ?? 1}` };
    case "final":
      return { to: "/final-test", label: "Bài thi cuối khóa" };
    case "certificate":
      return { to: "/certificate", label: "Xem giấy chứng nhận" };
  }
}

export const STATUS_LABEL = { not_started: "Chưa học", in_progress: "Đang học", done: "Đã xong" } as const;
