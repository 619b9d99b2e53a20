import { useEffect, useMemo, useState } from "react";
import { markLessonDone, markLessonOpened } from "../lessons/api";
import { useLessonId } from "../lessons/lesson-id";
import type { Lesson } from "../lessons/schemas";
import { useLesson } from "../lessons/use-lessons";
import { knownLessonStatus } from "../progress/api";
import { prefetchQuiz } from "../quiz/prefetch";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";
import { SyncNote } from "../ui/sync-note";
import { svgUrl } from "../ui/svg-url";
import { useInAppLinks } from "../ui/use-in-app-links";

// Lesson HTML is rendered by our server from Markdown with raw HTML disabled, so it is safe to insert.
const html = (h: string) => ({ __html: h });

function LessonBody({ lesson }: { lesson: Lesson }) {
  const [done, setDone] = useState(false);
  const onLinkClick = useInAppLinks();
  const illustration = useMemo(() => (lesson.illustrationSvg ? svgUrl(lesson.illustrationSvg) : null), [lesson.illustrationSvg]);
  useEffect(() => {
    let live = true;
    void knownLessonStatus(lesson.id).then((s) => live && s === "done" && setDone(true));
    return () => {
      live = false;
    };
  }, [lesson.id]);
  return (
    // The text's links (lesson HTML and sources) are caught here, where they bubble to (Enter on a link is a click too).
    <article className="lesson" onClick={onLinkClick}>
      {illustration && <img className="illustration" alt="" src={illustration} />}
      <div className="prose" dangerouslySetInnerHTML={html(lesson.introHtml)} />
      {lesson.sections.map((s) => (
        <section key={s.heading} className="prose">
          <h2>{s.heading}</h2>
          <div dangerouslySetInnerHTML={html(s.html)} />
        </section>
      ))}
      {lesson.warningHtml && (
        <aside className="warning" aria-labelledby="lesson-warning">
          <h2 id="lesson-warning">Cẩn thận</h2>
          <div dangerouslySetInnerHTML={html(lesson.warningHtml)} />
        </aside>
      )}
      {lesson.remember.length > 0 && (
        <section className="card remember" aria-labelledby="lesson-remember">
          <h2 id="lesson-remember">Điều cần nhớ</h2>
          <ul>
            {lesson.remember.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {lesson.practiceHtml && (
        <section className="card practice" aria-labelledby="lesson-practice">
          <h2 id="lesson-practice">Thực hành ngay</h2>
          <div className="prose" dangerouslySetInnerHTML={html(lesson.practiceHtml)} />
        </section>
      )}
      <div className="actions">
        {done ? (
          <p className="notice notice-ok" role="status">
            Bạn đã học xong bài này. Giờ mình làm bài kiểm tra nhé!
          </p>
        ) : (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setDone(true);
              void markLessonDone(lesson.id);
            }}
          >
            Tôi đã học xong
          </button>
        )}
        <SyncNote />
        <GoButton to={`/lesson/${lesson.id}/quiz`}>Làm bài kiểm tra</GoButton>
      </div>
      {lesson.sources.length > 0 && (
        <section className="sources" aria-labelledby="lesson-sources">
          <h2 id="lesson-sources">Nguồn tham khảo</h2>
          <ul>
            {lesson.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function LessonLoader({ id }: { id: number }) {
  const [lesson, retry] = useLesson(id);
  useEffect(() => {
    // Background work that never blocks reading: "opened" is a hint, dropped when offline; the quiz is
    // fetched ahead so it still opens if the signal goes.
    void markLessonOpened(id);
    void prefetchQuiz(id);
  }, [id]);
  const title = lesson.status === "ready" ? `Bài ${id}: ${lesson.data.title}` : `Bài ${id}`;
  return (
    <Screen title={title} back="/lessons">
      {lesson.status === "loading" && <Loading what="bài học" />}
      {lesson.status === "error" && <LoadError error={lesson.error} onRetry={retry} />}
      {lesson.status === "ready" && <LessonBody lesson={lesson.data} />}
    </Screen>
  );
}

export function LessonPage() {
  const id = useLessonId();
  if (id === null) {
    return (
      <Screen title="Không tìm thấy bài học" back="/lessons">
        <p>Đường link này không đúng. Bạn chọn bài trong danh sách nhé.</p>
        <GoButton to="/lessons">Xem 12 bài học</GoButton>
      </Screen>
    );
  }
  return <LessonLoader key={id} id={id} />;
}
