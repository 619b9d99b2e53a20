import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";

/** Body-parser and other errors become a status and a message a person can act on; never a crash. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (e.type === "entity.too.large" || status === 413) {
      res.status(413).json({ error: "too_large", message: "Body is larger than 1 MB." });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: "bad_request", message: e.message ?? "Bad request." });
      return;
    }
    log.error({ err, path: req.path }, "request failed");
    res.status(500).json({ error: "internal", message: "Something went wrong on our side; please try again." });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: "not_found", message: `No route for ${req.method} ${req.path}.` });
};
