import { lazy, Suspense, useLayoutEffect, type ReactNode } from "react";
import { AnimationRoutes, App, Route, ZMPRouter } from "zmp-ui";
import { startApp } from "./app-start";
import { HomePage } from "./pages/home";
import { LessonPage } from "./pages/lesson";
import { LessonsPage } from "./pages/lessons";
import { NotFoundPage } from "./pages/not-found";
import { Loading } from "./ui/loading";

// Reading a lesson is the first thing most people do on 3G: those screens ship in the first download,
// the rest is fetched when opened.
const LessonQuizPage = lazy(() => import("./pages/lesson-quiz"));
const FinalTestPage = lazy(() => import("./pages/final-test"));
const CertificatePage = lazy(() => import("./pages/certificate"));
const SettingsPage = lazy(() => import("./pages/settings"));

const later = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

/**
 * Deep-linkable routes. ZMPRouter is a browser router: inside Zalo it sits under /zapps/<APP_ID>, in a
 * browser at the server's root (see vite.config.ts).
 */
export function MiniApp() {
  // Before the first paint: in a browser the saved text size is applied before anything shows at 100 %.
  useLayoutEffect(() => startApp(), []);
  return (
    <App>
      <ZMPRouter>
        <AnimationRoutes>
          <Route path="/" element={<HomePage />} />
          <Route path="/lessons" element={<LessonsPage />} />
          <Route path="/lesson/:id" element={<LessonPage />} />
          <Route path="/lesson/:id/quiz" element={later(<LessonQuizPage />)} />
          <Route path="/final-test" element={later(<FinalTestPage />)} />
          <Route path="/certificate" element={later(<CertificatePage />)} />
          <Route path="/settings" element={later(<SettingsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </AnimationRoutes>
      </ZMPRouter>
    </App>
  );
}
