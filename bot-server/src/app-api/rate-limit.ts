import type { RequestHandler } from "express";
import type { Clock } from "../clock.js";
import { ApiError } from "./api-error.js";

/**
 * A modest per-IP limit for sign-in: enough for a volunteer signing in a queue of people on one post
 * office Wi-Fi, too few for guessing tokens. Fixed one-minute windows; the map empties each window.
 */
export function perIpLimit(clock: Clock, perMinute: number): RequestHandler {
  let window = -1;
  let counts = new Map<string, number>();
  return (req, _res, next) => {
    const now = Math.floor(clock.now().getTime() / 60_000);
    if (now !== window) {
      window = now;
      counts = new Map();
    }
    const ip = req.ip ?? "unknown";
    const n = (counts.get(ip) ?? 0) + 1;
    counts.set(ip, n);
    if (n > perMinute) throw new ApiError(429, "too_many_requests", "Bạn thử đăng nhập nhiều lần quá. Bạn chờ một phút rồi thử lại nhé.");
    next();
  };
}
