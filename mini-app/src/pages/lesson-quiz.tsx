import { useMemo, useState } from "react";
import { useLessonId } from "../lessons/lesson-id";
import { newAttemptId } from "../offline/attempt-id";
import { submitQuizAttempt, useQuiz, type QuizAnswer } from "../quiz/api";
import { QUIZ_PASS_MARK, type QuizQuestion } from "../quiz/schemas";
import { Choices } from "../ui/choices";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";
import { SyncNote } from "../ui/sync-note";
import { useBringIntoView } from "../ui/use-bring-into-view";
import { useStartHere } from "../ui/use-start-here";

const LAST_LESSON = 12;

function QuizResult({ lessonId, score, total, onRetry }: { lessonId: number; score: number; total: number; onRetry: () => void }) {
  const passed = score >= QUIZ_PASS_MARK;
  const top = useStartHere<HTMLParagraphElement>(score, { onMount: true });
  return (
    <section className="result" aria-live="polite">
      <p className="score" ref={top} tabIndex={-1}>
        Bạn trả lời đúng {score}/{total} câu.
      </p>
      <p>{passed ? "Chúc mừng bạn! Bạn đã qua bài kiểm tra này." : `Cần đúng ít nhất ${QUIZ_PASS_MARK} câu. Bạn đọc lại bài rồi thử lại nhé.`}</p>
      <SyncNote />
      <div className="actions">
        {passed && lessonId < LAST_LESSON && <GoButton to={`/lesson/${lessonId + 1}`}>Học bài tiếp theo</GoButton>}
        {passed && lessonId >= LAST_LESSON && <GoButton to="/final-test">Làm bài thi cuối khóa</GoButton>}
        {!passed && <GoButton to={`/lesson/${lessonId}`}>Đọc lại bài {lessonId}</GoButton>}
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Làm lại bài kiểm tra
        </button>
        <GoButton to="/" kind="secondary">
          Về trang chính
        </GoButton>
      </div>
    </section>
  );
}

/** Five questions, one per screen; the explanation follows each answer. */
function QuizRun({ lessonId, questions, onRestart }: { lessonId: number; questions: QuizQuestion[]; onRestart: () => void }) {
  // One attempt id per run: resends of this run are the same attempt to the server.
  const attemptId = useMemo(() => newAttemptId(), []);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<QuizAnswer[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const heading = useStartHere<HTMLHeadingElement>(index);
  const feedback = useBringIntoView<HTMLDivElement>(chosen !== null);
  const q = questions[index];
  if (!q) {
    const score = answers.filter((a, i) => a.chosen === questions[i]?.answer).length;
    return <QuizResult lessonId={lessonId} score={score} total={questions.length} onRetry={onRestart} />;
  }
  const choose = (i: number) => {
    setChosen(i);
    const next = [...answers, { questionId: q.id, chosen: i }];
    setAnswers(next);
    if (next.length === questions.length) void submitQuizAttempt(attemptId, lessonId, next);
  };
  return (
    <section className="question" aria-labelledby="quiz-q" data-question-id={q.id}>
      <p className="step">
        Câu {index + 1}/{questions.length}
      </p>
      <h2 id="quiz-q" ref={heading} tabIndex={-1}>
        {q.question}
      </h2>
      <Choices options={q.options} chosen={chosen} {...(chosen === null ? {} : { answer: q.answer })} onChoose={choose} />
      {chosen !== null && (
        <div ref={feedback} className={`feedback ${chosen === q.answer ? "feedback-right" : "feedback-wrong"}`} role="status">
          <p className="feedback-title">{chosen === q.answer ? "Đúng rồi!" : `Chưa đúng. Đáp án đúng là: ${q.options[q.answer] ?? ""}`}</p>
          <p>{q.explanation}</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setChosen(null);
              setIndex(index + 1);
            }}
          >
            {index + 1 < questions.length ? "Câu tiếp theo" : "Xem kết quả"}
          </button>
        </div>
      )}
    </section>
  );
}

function LessonQuizPage() {
  const id = useLessonId() ?? 0;
  const [quiz, retry] = useQuiz(id);
  const [run, setRun] = useState(0);
  return (
    <Screen title={`Bài kiểm tra của Bài ${id}`} back={`/lesson/${id}`}>
      {quiz.status === "loading" && <Loading what="câu hỏi" />}
      {quiz.status === "error" && <LoadError error={quiz.error} onRetry={retry} />}
      {quiz.status === "ready" && <QuizRun
          key={run}
          lessonId={id}
          questions={quiz.data}
          onRestart={() => {
            retry(); // a fresh draw when online, the same questions offline
            setRun((n) => n + 1);
          }}
        />}
    </Screen>
  );
}
export default LessonQuizPage;
