import { useNavigate } from "zmp-ui";
import { useLessons } from "../lessons/use-lessons";
import { useProgress } from "../progress/api";
import { STATUS_LABEL } from "../progress/next-step";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";

export function LessonsPage() {
  const navigate = useNavigate();
  const [lessons, retry] = useLessons();
  const [progress] = useProgress();
  const byId = new Map(progress.status === "ready" ? progress.data.lessons.map((l) => [l.id, l]) : []);
  return (
    <Screen title="12 bài học" back="/">
      {lessons.status === "loading" && <Loading what="danh sách bài học" />}
      {lessons.status === "error" && <LoadError error={lessons.error} onRetry={retry} />}
      {lessons.status === "ready" && (
        <ul className="lesson-list">
          {lessons.data.map((l) => {
            const p = byId.get(l.id);
            const status = STATUS_LABEL[p?.status ?? "not_started"];
            const quiz = p?.quizBest != null ? ` · Bài kiểm tra: ${p.quizBest}/5` : "";
            return (
              <li key={l.id}>
                <button type="button" className={`lesson-item status-${p?.status ?? "not_started"}`} onClick={() => navigate(`/lesson/${l.id}`)}>
                  <span className="lesson-title">
                    Bài {l.id}: {l.title}
                  </span>
                  <span className="lesson-meta">
                    {status}
                    {quiz} · khoảng {l.minutes} phút
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Screen>
  );
}
