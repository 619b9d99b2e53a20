import { useLayoutEffect, useRef, type ReactNode } from "react";
import { Page, useNavigate } from "zmp-ui";
import { useOnline } from "../offline/use-online";

/**
 * One screen: a back button (when there is somewhere to go back to), the heading, the content.
 * Plain rem-sized HTML rather than zmp-ui's px-sized Header, so the text-size setting reaches everything.
 */
export function Screen({ title, back, children }: { title: string; back?: string; children: ReactNode }) {
  const navigate = useNavigate();
  const online = useOnline();
  const page = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Every screen opens at its top. zmp-ui's Page resets only its own scroll, but here the document scrolls
    // (app.css lets a page grow with its text), so without this lesson 12 opened where lesson 1 was left.
    window.scrollTo(0, 0);
    page.current?.scrollTo?.(0, 0);
  }, []);
  return (
    <Page className="screen" ref={page}>
      {!online && (
        <p className="offline-banner" role="status">
          Bạn đang không có mạng. Bài đã mở vẫn đọc được; kết quả sẽ gửi khi có mạng.
        </p>
      )}
      {back !== undefined && (
        <nav className="top-bar">
          <button type="button" className="btn-back" onClick={() => navigate(back, { direction: "backward" })}>
            <span aria-hidden="true">‹ </span>Quay lại
          </button>
        </nav>
      )}
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </Page>
  );
}
