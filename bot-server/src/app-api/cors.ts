import type { RequestHandler } from "express";

/**
 * Inside Zalo the Mini App runs at https://h5.zdn.vn/zapps/<id> and calls this server from there, so the
 * API answers cross-origin requests. Any origin may call: the API uses bearer tokens, never cookies, so a
 * foreign page gains nothing it could not do with its own requests (no ambient credentials to ride on).
 */
export const apiCors: RequestHandler = (req, res, next) => {
  res.set({
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
    "Access-Control-Max-Age": "86400",
  });
  if (req.method === "OPTIONS") {
    res.status(204).end();
    return;
  }
  next();
};
