// Baseline for bench/webhook.ts: the cheapest Express route that reads a body and answers 200.
import express from "express";

const app = express();
app.post("/webhooks/zalo", express.raw({ type: () => true, limit: "1mb" }), (_req, res) => {
  res.status(200).json({ ok: true });
});
app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});
const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
