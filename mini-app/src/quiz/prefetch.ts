import { platform } from "../platform";
import { readStored, writeStored } from "../offline/stored-json";
import { fetchQuiz } from "./api";
import { quizKey, QuizQuestions } from "./schemas";

/** While someone reads a lesson, fetch its quiz too, so the quiz still opens if the signal drops. */
export async function prefetchQuiz(lessonId: number): Promise<void> {
  const { storage } = await platform();
  if (readStored(storage, quizKey(lessonId), QuizQuestions)) return;
  try {
    writeStored(storage, quizKey(lessonId), await fetchQuiz(lessonId));
  } catch {
    // Only a head start; the quiz screen loads it again when opened.
  }
}
