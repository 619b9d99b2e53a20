import { lazy, Suspense, useState } from "react";
import { useTipOfTheDay } from "../lessons/use-lessons";
import { useProgress } from "../progress/api";
import { nextStepLink } from "../progress/next-step";
import { useMe } from "../settings/api";
import { GoButton } from "../ui/go-button";
import { ProgressBar } from "../ui/progress-bar";
import { Screen } from "../ui/screen";

// Only people who have not answered see it: fetched after the page, never in the way of a lesson.
const ConsentCard = lazy(() => import("../consent/consent-card"));

export function HomePage() {
  const [me] = useMe();
  const [answered, setAnswered] = useState(false);
  const askConsent = me.status === "ready" && me.data.consent === null && !answered;
  const [progress] = useProgress();
  const [tip] = useTipOfTheDay();
  const name = me.status === "ready" ? me.data.displayName : null;
  const known = progress.status === "ready" ? progress.data : null;
  const done = known ? known.lessons.filter((l) => l.status === "done").length : 0;
  const step = nextStepLink(known?.next ?? null);
  return (
    <Screen title={name ? `Xin chào, ${name}!` : "Xin chào bạn!"}>
      <p className="lead">Kỹ Năng Số: 12 bài ngắn giúp bạn dùng điện thoại an toàn và tiện lợi.</p>
      {askConsent && (
        <Suspense fallback={null}>
          <ConsentCard onAnswered={() => setAnswered(true)} />
        </Suspense>
      )}
      {answered && (
        <p className="notice" role="status">
          Đã lưu lựa chọn của bạn. Bạn đổi ý lúc nào cũng được trong Cài đặt.
        </p>
      )}
      <section className="card" aria-labelledby="home-progress">
        <h2 id="home-progress">Tiến độ của bạn</h2>
        <ProgressBar done={done} total={12} label="Số bài đã học xong" />
        <p>{known ? `Bạn đã học xong ${done}/12 bài.` : "Bạn bắt đầu từ bài 1 nhé."}</p>
        <GoButton to={step.to}>
          Học tiếp
          <span className="btn-sub">{step.label}</span>
        </GoButton>
      </section>
      <nav className="menu" aria-label="Các mục chính">
        <GoButton to="/lessons" kind="secondary">Danh sách bài học</GoButton>
        <GoButton to="/final-test" kind="secondary">Bài thi cuối khóa</GoButton>
        <GoButton to="/certificate" kind="secondary">Giấy chứng nhận</GoButton>
        <GoButton to="/settings" kind="secondary">Cài đặt</GoButton>
      </nav>
      {tip.status === "ready" && (
        <section className="card tip" aria-labelledby="home-tip">
          <h2 id="home-tip">Mẹo hôm nay</h2>
          <h3>{tip.data.title}</h3>
          <p className="tip-text">{tip.data.text}</p>
        </section>
      )}
    </Screen>
  );
}
