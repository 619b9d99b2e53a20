// npm run bench:chat — 10,000 simulated learners each send one message through the signed webhook of a
// real server (production set-up: processing thread, temporary database, replies sent to a fake Zalo).
// Reported: replies queued per second and the latency from webhook request to outbox row, against the
// webhook alone in the same run on the same machine (the same number of signed events of a kind the bot
// ignores: verified, stored, no handler); then one scheduler tick over 10,000 learners whose reminder is due.
// On SQLite by default; with KNS_TEST_POSTGRES_URL (npm run bench:chat:postgres) on a fresh PostgreSQL schema.
import { performance } from "node:perf_hooks";
import { loadConfig } from "../bot-server/src/config.js";

import { Learning } from "../bot-server/src/learning/index.js";
import { createLogger } from "../bot-server/src/log.js";
import { OperatorAlerts } from "../bot-server/src/ops/alerts.js";
import { Outbox } from "../bot-server/src/pipeline/outbox.js";
import { Outreach } from "../bot-server/src/outreach/outreach.js";
import { Scheduler } from "../bot-server/src/outreach/scheduler.js";
import { startServer } from "../bot-server/src/server.js";
import { databaseOf, onPostgres, openTestStore } from "../test/support/database.js";
import { FakeZalo } from "../test/support/fake-zalo.js";
import { content, FakeClock } from "../test/support/learning.js";
import { OA_ID, postEvent, realEnv, textEvent, userId } from "../test/support/server.js";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// What people type most: commands with and without diacritics, a tip, a greeting the fallback answers.
const MESSAGES = ["trợ giúp", "mẹo", "nhac", "bận", "Xin chào 🙏", "dừng", "tiep tuc", "mẹo mỗi ngày"];

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Posts one event per learner, CONNECTIONS at a time; returns when each request was sent (ms). With
 * `handlers` false the events are echoes of the OA's own messages (oa_send_text): the same webhook path,
 * but nothing for the bot to do.
 */
async function load(url: string, handlers: boolean): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < LEARNERS) {
      const n = next++;
      const uid = userId(100_000 + n);
      const text = MESSAGES[n % MESSAGES.length]!;
      const event = handlers ? textEvent(uid, text) : { ...textEvent(uid, text), event_name: "oa_send_text", sender: { id: OA_ID }, recipient: { id: uid } };
      sentAt.set(uid, Date.now());
      const res = await postEvent(url, event);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return sentAt;
}

/** Each learner's latency from request to their first row in `table`, and the rate rows appeared. */
function figures(sentAt: Map<string, number>, rows: { user_id: string; at: string }[]): Figures {
  const latencies: number[] = [];
  let last = 0;
  for (const r of rows) {
    const t = Date.parse(r.at);
    const start = sentAt.get(r.user_id);
    if (start === undefined) continue;
    latencies.push(t - start);
    last = Math.max(last, t);
  }
  if (latencies.length < LEARNERS) throw new Error(`only ${latencies.length} of ${LEARNERS} learners got a row`);
  latencies.sort((a, b) => a - b);
  const first = Math.min(...sentAt.values());
  const seconds = (last - first) / 1000;
  return { perSecond: LEARNERS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), seconds };
}

type DatabaseEnv = Record<string, string>;

async function run(fake: FakeZalo, handlers: boolean): Promise<{ figures: Figures; database: DatabaseEnv }> {
  const env = realEnv(fake);
  const server = await startServer(loadConfig(env), { processing: "thread", log: createLogger("silent"), content: content() });
  const sentAt = await load(server.url, handlers);
  const { store } = server;
  await fake.waitFor(async () => (await store.value(`SELECT COUNT(*) FROM inbox WHERE status = 'pending'`)) === 0, 300_000, "inbox drained");
  const rows = handlers
    ? await store.all<{ user_id: string; at: string }>(`SELECT user_id, MIN(created_at) AS at FROM outbox WHERE kind = 'reply' GROUP BY user_id`)
    : await store.all<{ user_id: string; at: string }>(`SELECT user_id, MIN(received_at) AS at FROM inbox GROUP BY user_id`);
  await server.stop();
  return { figures: figures(sentAt, rows), database: databaseOf(env) };
}

/** One tick over every learner of the full run, each with a reminder due now, on a fake daytime clock. */
async function timeTick(database: DatabaseEnv): Promise<{ ms: number; sent: number }> {
  const store = await openTestStore(database);
  const clock = new FakeClock(new Date("2026-11-24T03:00:00Z")); // 10:00 in Vietnam
  const learning = new Learning(store, clock, content(), { timeZone: "Asia/Ho_Chi_Minh" });
  const alerts = new OperatorAlerts(store, clock);
  const outreach = new Outreach(store, new Outbox(store, clock), learning, content(), clock, { timeZone: "Asia/Ho_Chi_Minh", dailyCap: 3, alerts });
  await store.run(
    `UPDATE learners SET consent = 'granted', follows_oa = 1, reminder_time = '10:00', outreach_stopped_at = NULL,
       outreach_snoozed_until = NULL, last_interaction_at = ?`,
    [new Date(clock.now().getTime() - 3_600_000).toISOString()],
  );
  const scheduler = new Scheduler({ store, outreach, clock, log: createLogger("silent") }, "Asia/Ho_Chi_Minh");
  const start = performance.now();
  const report = await scheduler.tick(clock.now());
  const ms = performance.now() - start;
  await store.close();
  return { ms, sent: report?.reminders.sent ?? 0 };
}

const fmt = (f: Figures) =>
  `${f.perSecond.toFixed(0).padStart(6)} /s   p50 ${f.p50.toFixed(0).padStart(5)} ms   p99 ${f.p99.toFixed(0).padStart(5)} ms   (${f.seconds.toFixed(1)} s)`;

async function main() {
  const fake = await new FakeZalo().start();
  const webhookOnly = await run(fake, false);
  const full = await run(fake, true);
  await fake.stop();
  const tick = await timeTick(full.database);

  const where = onPostgres ? "PostgreSQL" : "SQLite";
  console.log(`\nchat benchmark (${where}): ${LEARNERS} learners, one message each, ${CONNECTIONS} connections; node ${process.version}`);
  console.log(`webhook alone (stored, nothing to do)  ${fmt(webhookOnly.figures)}   request → inbox row`);
  console.log(`webhook + handlers (replies queued)    ${fmt(full.figures)}   request → outbox row`);
  console.log(`throughput ratio (replies queued / webhook only): ${(full.figures.perSecond / webhookOnly.figures.perSecond).toFixed(2)}`);
  console.log(`p99 ratio (to outbox row / to inbox row): ${(full.figures.p99 / Math.max(1, webhookOnly.figures.p99)).toFixed(2)}`);
  console.log(
    `scheduler tick, ${LEARNERS} learners due: ${tick.ms.toFixed(0)} ms, ${tick.sent} reminders queued (${((tick.ms * 1000) / Math.max(1, tick.sent)).toFixed(0)} µs each)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
