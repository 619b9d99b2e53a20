import type { Content, Question } from "../../../content/src/index.js";

export type Random = () => number;

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A lesson quiz: `count` different questions from the lesson's bank, in random order. */
export function drawLessonQuiz(content: Content, lessonId: number, count = 5, random: Random = Math.random): Question[] {
  const bank = content.questionsByLesson.get(lessonId) ?? [];
  return shuffled(bank, random).slice(0, count);
}

/** The final test: one question from every lesson, the rest from the whole bank, shuffled. */
export function drawFinalTest(content: Content, count = 20, random: Random = Math.random): Question[] {
  const picked: Question[] = [];
  for (const lesson of content.lessons) {
    const one = shuffled(content.questionsByLesson.get(lesson.id) ?? [], random)[0];
    if (one) picked.push(one);
  }
  const taken = new Set(picked.map((q) => q.id));
  const rest = shuffled(
    content.questions.filter((q) => !taken.has(q.id)),
    random,
  ).slice(0, Math.max(0, count - picked.length));
  return shuffled([...picked, ...rest], random);
}
