import type { ReactNode } from "react";
import { Page, useNavigate } from "zmp-ui";

/**
 * One screen: a back button (when there is somewhere to go back to), the heading, the content.
 * Plain rem-sized HTML rather than zmp-ui's px-sized Header, so the text-size setting reaches everything.
 */
export function Screen({ title, back, children }: { title: string; back?: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Page className="screen">
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
