import type { RequestHandler, Response } from "express";
import type { Learner, Learners } from "../learning/learners.js";
import { unauthenticated } from "./api-error.js";
import type { Sessions } from "./sessions.js";

interface SessionLocals {
  learner: Learner;
}

/**
 * Lets a request through only with a live `Authorization: Bearer <token>`. The learner comes from the
 * session alone: no route takes a learner id from the request, so nobody reaches another person's data.
 */
export function requireSession(sessions: Sessions, learners: Learners): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.get("authorization") ?? "");
    const learnerId = match ? await sessions.learnerId(match[1]!) : undefined;
    const learner = learnerId === undefined ? undefined : await learners.byId(learnerId);
    if (!match || !learner) throw unauthenticated();
    const locals: SessionLocals = { learner };
    res.locals.session = locals;
    next();
  };
}

/** The signed-in learner (as loaded at the start of this request). Only valid behind requireSession. */
export function sessionOf(res: Response): SessionLocals {
  return res.locals.session as SessionLocals;
}
