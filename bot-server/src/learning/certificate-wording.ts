/**
 * What a certificate says it certifies, in the same words in the chat, on the check page /c/<code> and on
 * the picture the Mini App draws (which imports this file, so it must stay free of imports). A certificate
 * is given for passing the final test; it speaks of finishing the course only when every lesson's quiz
 * was passed too.
 */

export const COURSE_LESSONS = 12;

/** The lessons whose quizzes were passed, each once, in order: [12, 1, 2, 1] → [1, 2, 12]. */
export function passedLessonIds(lessonsPassed: readonly number[]): number[] {
  return [...new Set(lessonsPassed)].sort((a, b) => a - b);
}

/** The line under the name: "đã đạt bài thi cuối khóa Kỹ Năng Số". */
export function certifiesLine(lessonsPassed: readonly number[]): string {
  return passedLessonIds(lessonsPassed).length >= COURSE_LESSONS
    ? "đã đạt bài thi cuối khóa và hoàn thành khóa học Kỹ Năng Số"
    : "đã đạt bài thi cuối khóa Kỹ Năng Số";
}

/** "Đã đạt bài kiểm tra 9/12 bài" (the lesson quizzes passed when the certificate was issued). */
export function lessonsPassedSummary(lessonsPassed: readonly number[]): string {
  return summaryOf(passedLessonIds(lessonsPassed).length);
}

function summaryOf(count: number): string {
  return count === 0 ? "Chưa đạt bài kiểm tra của bài học nào" : `Đã đạt bài kiểm tra ${count}/${COURSE_LESSONS} bài`;
}

/** "Đã đạt bài kiểm tra 3/12 bài: Bài 1, Bài 2, Bài 12" (short, for a chat message or the picture). */
export function lessonsPassedLine(lessonsPassed: readonly number[]): string {
  const ids = passedLessonIds(lessonsPassed);
  const summary = summaryOf(ids.length);
  return ids.length === 0 ? `${summary}.` : `${summary}: ${ids.map((id) => `Bài ${id}`).join(", ")}.`;
}
