import express, { Router, type RequestHandler } from "express";
import type { Logger } from "pino";
import type { Content } from "../../../content/src/index.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Learning } from "../learning/index.js";
import { apiErrors } from "./api-error.js";
import { authRouter } from "./auth.js";
import { apiCors } from "./cors.js";
import { certificateRouter } from "./certificate.js";
import { finalTestRouter } from "./final-test.js";
import { meRouter } from "./me.js";
import { placesRouter } from "./places.js";
import { progressRouter } from "./progress.js";
import { quizRouter } from "./quiz.js";
import { requireSession } from "./require-session.js";
import { Sessions } from "./sessions.js";
import { tipsRouter } from "./tips.js";

export interface AppApiOptions {
  learning: Learning;
  content: Content;
  config: Config;
  clock: Clock;
  log: Logger;
  /** The server talks to its own simulated Zalo: the development sign-in exists. */
  simulator: boolean;
  /** The OA access token as stored, never refreshed here (for checking a Mini App's idByOA claim). */
  oaToken: () => Promise<string | undefined>;
}

export interface AppApiDeps extends AppApiOptions {
  sessions: Sessions;
  /** Middleware: a live session is required; the learner comes from it (see require-session.ts). */
  session: RequestHandler;
}

/**
 * The Mini App's API (docs/api.md). It writes on the HTTP process's own connection; the processing
 * thread is the other writer, so every write is one short IMMEDIATE transaction.
 */
export function appApiRouter(options: AppApiOptions): Router {
  const sessions = new Sessions(options.learning.store, options.clock);
  const deps: AppApiDeps = { ...options, sessions, session: requireSession(sessions, options.learning.learners) };
  const router = Router();
  // Only the API's own paths: other /api routers keep their own parsers and cross-origin rules.
  const paths = ["/api/auth", "/api/me", "/api/progress", "/api/lessons", "/api/quiz-attempts", "/api/final-test", "/api/certificate", "/api/tips", "/api/places"];
  router.use(paths, apiCors, express.json({ limit: "64kb" }));
  for (const part of [authRouter, meRouter, progressRouter, quizRouter, finalTestRouter, certificateRouter, tipsRouter, placesRouter]) {
    router.use(part(deps));
  }
  router.use(apiErrors(options.log));
  return router;
}
