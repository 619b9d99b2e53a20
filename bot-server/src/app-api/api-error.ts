import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import type { z } from "zod";

/**
 * A refusal the Mini App can show as is: a status, a stable code for the app's logic, and a Vietnamese
 * sentence a person can act on. Handlers throw it; `apiErrors` turns it into `{ error, message }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = () =>
  new ApiError(401, "unauthenticated", "Phiên đăng nhập đã hết. Bạn mở lại ứng dụng để đăng nhập nhé.");

/**
 * Parses a request body (or params) with its zod schema. A problem names the first field at fault and
 * says in Vietnamese what that field needs (`messages`), so the person knows what to fix.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, messages: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const field = unknownKey ?? (issue.path.length ? String(issue.path[0]) : undefined);
  const message = unknownKey
    ? `Mục “${unknownKey}” không dùng được ở đây.`
    : ((field && messages[field]) ?? "Thông tin gửi lên chưa đúng. Bạn thử lại nhé.");
  throw new ApiError(400, "invalid_input", message, field ? { field } : {});
}

/** The API's error handler: ApiError as JSON; unreadable JSON and oversized bodies in Vietnamese too. */
export function apiErrors(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...err.extra });
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === "entity.parse.failed") {
      res.status(400).json({ error: "invalid_json", message: "Dữ liệu gửi lên bị lỗi. Bạn thử lại nhé." });
      return;
    }
    if (e.type === "entity.too.large" || e.status === 413) {
      res.status(413).json({ error: "too_large", message: "Dữ liệu gửi lên quá lớn." });
      return;
    }
    log.error({ err, path: req.path }, "api request failed");
    res.status(500).json({ error: "internal", message: "Máy chủ đang gặp trục trặc. Bạn thử lại sau ít phút nhé." });
  };
}
