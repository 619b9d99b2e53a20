import { useState } from "react";
import { CertificateAfterPass } from "../certificate/after-pass";
import { vietnameseDateTime } from "../certificate/format";
import { startFinalTest, submitFinalTest } from "../final-test/api";
import { closeFinalAttempt, currentFinalAttempt, keepFinalAnswers, keptFinalAnswers } from "../final-test/attempt";
import type { FinalQuestion, FinalResult } from "../final-test/schemas";
import { useProgress } from "../progress/api";
import { Choices } from "../ui/choices";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";
import { useStartHere } from "../ui/use-start-here";

type State =
  | { step: "intro" }
  | { step: "loading" }
  | { step: "error"; error: unknown; retry: () => void }
  | { step: "wait"; retryAt: string }
  | { step: "answering"; attemptId: string; questions: FinalQuestion[]; chosen: (number | null)[]; index: number }
  | { step: "result"; result: FinalResult; questions: FinalQuestion[] };

function WaitNotice({ retryAt }: { retryAt: string }) {
  return (
    <div className="notice" role="status">
      <p>Bạn cần nghỉ một chút trước khi làm lại. Bạn có thể làm lại từ {vietnameseDateTime(retryAt)}.</p>
      <p>Trong lúc chờ, bạn ôn lại các bài học nhé.</p>
      <GoButton to="/lessons">Ôn lại bài học</GoButton>
    </div>
  );
}

function Result({ result, questions }: { result: FinalResult; questions: FinalQuestion[] }) {
  const options = (id: string | number) => questions.find((q) => q.id === id)?.options ?? [];
  const top = useStartHere<HTMLParagraphElement>(result, { onMount: true });
  return (
    <section className="result" aria-live="polite">
      <p className="score" ref={top} tabIndex={-1}>
        Bạn trả lời đúng {result.score}/{result.total} câu.
      </p>
      {result.passed ? (
        <>
          <p>Chúc mừng bạn đã đạt bài thi cuối khóa!</p>
          {result.certificate ? <GoButton to="/certificate">Xem giấy chứng nhận</GoButton> : <CertificateAfterPass />}
        </>
      ) : (
        <p>Cần đúng ít nhất {result.passMark} câu để nhận giấy chứng nhận. {result.retryAt ? `Bạn có thể làm lại từ ${vietnameseDateTime(result.retryAt)}.` : ""}</p>
      )}
      {result.mistakes.length > 0 && (
        <section aria-labelledby="final-mistakes">
          <h2 id="final-mistakes">Xem lại câu chưa đúng</h2>
          <ol className="mistakes">
            {result.mistakes.map((m) => (
              <li key={String(m.questionId)} className="card">
                <p className="mistake-question">{m.question}</p>
                <p>Bạn chọn: {options(m.questionId)[m.chosen] ?? "—"}</p>
                <p className="mistake-answer">Đáp án đúng: {options(m.questionId)[m.answer] ?? ""}</p>
                <p>{m.explanation}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
      <GoButton to="/" kind="secondary">
        Về trang chính
      </GoButton>
    </section>
  );
}

/**
 * Someone who already passed may take the test again to practise; a certificate issued stays. One not yet
 * issued (the name was never confirmed) is offered instead.
 */
function AlreadyPassed() {
  const [progress] = useProgress();
  if (progress.status !== "ready" || !progress.data.finalTest.passed) return null;
  const issued = progress.data.certificate !== null;
  return (
    <div className="notice notice-ok" role="status">
      {issued ? (
        <p>Bạn đã đạt bài thi cuối khóa. Bạn vẫn có thể làm lại để ôn tập; giấy chứng nhận vẫn giữ nguyên.</p>
      ) : (
        <p>Bạn đã đạt bài thi cuối khóa. Bạn chỉ cần xác nhận tên in trên giấy để nhận giấy chứng nhận. Bạn vẫn có thể làm lại bài thi để ôn tập.</p>
      )}
      <GoButton to="/certificate" kind="secondary">
        {issued ? "Xem giấy chứng nhận" : "Nhận giấy chứng nhận"}
      </GoButton>
    </div>
  );
}

function FinalTestPage() {
  const [state, setState] = useState<State>({ step: "intro" });

  const begin = async () => {
    setState({ step: "loading" });
    try {
      const attemptId = await currentFinalAttempt();
      const started = await startFinalTest(attemptId);
      if (started.kind === "wait") return setState({ step: "wait", retryAt: started.retryAt });
      const kept = await keptFinalAnswers(attemptId, started.questions.length);
      setState({
        step: "answering",
        attemptId,
        questions: started.questions,
        chosen: kept?.chosen ?? started.questions.map(() => null),
        index: kept?.index ?? 0,
      });
    } catch (error) {
      setState({ step: "error", error, retry: () => void begin() });
    }
  };

  const submit = async (s: Extract<State, { step: "answering" }>) => {
    setState({ step: "loading" });
    try {
      const answers = s.questions.map((q, i) => ({ questionId: q.id, chosen: s.chosen[i] ?? 0 }));
      const result = await submitFinalTest(s.attemptId, answers);
      await closeFinalAttempt();
      setState({ step: "result", result, questions: s.questions });
    } catch (error) {
      // Answers stay on screen state; the submit is idempotent, so "Thử lại" is safe.
      setState({ step: "error", error, retry: () => void submit(s) });
    }
  };

  const answer = (s: Extract<State, { step: "answering" }>) => {
    setState(s);
    void keepFinalAnswers({ attemptId: s.attemptId, chosen: s.chosen, index: s.index });
  };

  return (
    <Screen title="Bài thi cuối khóa" back="/">
      {state.step === "intro" && (
        <section>
          <AlreadyPassed />
          <p>Bài thi có 20 câu hỏi về cả 12 bài. Mỗi màn hình một câu.</p>
          <p>Bạn cần trả lời đúng ít nhất 16 câu để nhận giấy chứng nhận. Không giới hạn thời gian. Nếu phải dừng giữa chừng, lần sau bạn làm tiếp từ câu đang dở.</p>
          <button type="button" className="btn btn-primary" onClick={() => void begin()}>
            Bắt đầu làm bài
          </button>
        </section>
      )}
      {state.step === "loading" && <Loading />}
      {state.step === "error" && <LoadError error={state.error} onRetry={state.retry} />}
      {state.step === "wait" && <WaitNotice retryAt={state.retryAt} />}
      {state.step === "answering" && <Answering state={state} onChange={answer} onSubmit={() => void submit(state)} />}
      {state.step === "result" && <Result result={state.result} questions={state.questions} />}
    </Screen>
  );
}

function Answering({
  state,
  onChange,
  onSubmit,
}: {
  state: Extract<State, { step: "answering" }>;
  onChange: (s: Extract<State, { step: "answering" }>) => void;
  onSubmit: () => void;
}) {
  const heading = useStartHere<HTMLHeadingElement>(state.index);
  const q = state.questions[state.index]!;
  const chosen = state.chosen[state.index] ?? null;
  const last = state.index === state.questions.length - 1;
  const go = (index: number) => onChange({ ...state, index });
  return (
    <section className="question" aria-labelledby="final-q" data-question-id={q.id}>
      <p className="step">
        Câu {state.index + 1}/{state.questions.length}
      </p>
      <h2 id="final-q" ref={heading} tabIndex={-1}>
        {q.question}
      </h2>
      <Choices
        options={q.options}
        chosen={chosen}
        onChoose={(i) => onChange({ ...state, chosen: state.chosen.map((c, j) => (j === state.index ? i : c)) })}
      />
      <div className="actions">
        {last ? (
          <button type="button" className="btn btn-primary" disabled={state.chosen.some((c) => c === null)} onClick={onSubmit}>
            Nộp bài
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={chosen === null} onClick={() => go(state.index + 1)}>
            Câu tiếp theo
          </button>
        )}
        {state.index > 0 && (
          <button type="button" className="btn btn-secondary" onClick={() => go(state.index - 1)}>
            Câu trước
          </button>
        )}
      </div>
      {last && state.chosen.some((c) => c === null) && <p>Bạn còn câu chưa trả lời. Bấm “Câu trước” để quay lại.</p>}
    </section>
  );
}
export default FinalTestPage;
