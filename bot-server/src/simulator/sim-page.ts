import { readFileSync } from "node:fs";
import { Router } from "express";

const PAGE = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** GET /sim: the page where anyone can play a citizen chatting with the OA. */
export function simPageRouter(): Router {
  const router = Router();
  router.get("/sim", (_req, res) => {
    res.type("html").send(PAGE);
  });
  return router;
}
