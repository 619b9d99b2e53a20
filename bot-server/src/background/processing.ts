import axios from "axios";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Store } from "../db/store.js";
import { createBot } from "../chat/create-bot.js";
import { eventTable } from "../chat/event-table.js";
import { InboxWorker } from "../pipeline/inbox-worker.js";
import type { Content } from "../../../content/src/index.js";
import { Learning } from "../learning/index.js";
import { Dispatcher, leaseFor, type DispatcherOptions } from "../pipeline/dispatcher.js";
import { Outbox } from "../pipeline/outbox.js";
import { Places } from "../places/places.js";
import { Outreach } from "../outreach/outreach.js";
import { Scheduler } from "../outreach/scheduler.js";
import { Inbox } from "../pipeline/inbox.js";
import { OperatorAlerts } from "../ops/alerts.js";
import type { WriterGate } from "../pipeline/store-gate.js";
import { OaClient } from "../zalo/oa-client.js";
import { simulatorTokens, tokenStoreFor } from "../zalo/tokens.js";

export interface ProcessingSetup {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Where CS messages go: Zalo's OA API, or the built-in simulated Zalo. */
  apiBase: string;
  simulator: boolean;
  content: Content;
  dispatcher?: Partial<DispatcherOptions>;
  /** "manual": no cron; tests drive `scheduler.tick(now)` on a fake clock. */
  scheduler?: "cron" | "manual";
  /** Webhook events being stored (threaded set-up): handlers and claims give way to them. */
  storeGate?: WriterGate;
}

export interface Processing {
  learning: Learning;
  inbox: Inbox;
  outbox: Outbox;
  inboxWorker: InboxWorker;
  dispatcher: Dispatcher;
  outreach: Outreach;
  scheduler: Scheduler;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The stages after the webhook: inbox → handlers → outbox → dispatcher → OA client. Built the same way
 * whether it runs in the HTTP process (tests) or in its own thread (production).
 */
export function createProcessing(s: ProcessingSetup): Processing {
  const { store, config, clock, log } = s;
  const inbox = new Inbox(store, clock);
  const outbox = new Outbox(store, clock);
  const learning = new Learning(store, clock, s.content, { timeZone: config.TZ });
  const learners = learning.learners;
  const tokens = s.simulator ? simulatorTokens : tokenStoreFor(store, config, clock, log);
  const alerts = new OperatorAlerts(store, clock, log);
  const client = new OaClient({ http: axios.create(), apiBase: s.apiBase, tokens, timeoutMs: config.ZALO_HTTP_TIMEOUT_MS, log });
  const dispatcher = new Dispatcher(
    {
      outbox,
      client,
      clock,
      log,
      onUnreachable: (userId, f) => learners.markUnreachable(userId, `${f.code ?? ""} ${f.message}`.trim()),
      storeGate: s.storeGate,
      alerts,
      holdBack: (row) => outreach.proactive.holdBackAtSend(row.kind, row.user_id),
    },
    {
      ratePerMinute: config.OUTBOX_RATE_PER_MINUTE,
      concurrency: config.OUTBOX_CONCURRENCY,
      maxAgeMs: config.OUTBOX_MAX_AGE_HOURS * 3_600_000,
      leaseMs: leaseFor(config.ZALO_HTTP_TIMEOUT_MS),
      instanceId: config.INSTANCE_ID,
      ...s.dispatcher,
    },
  );
  const outreach = new Outreach(store, outbox, learning, s.content, clock, { timeZone: config.TZ, dailyCap: config.OUTREACH_DAILY_CAP, alerts });
  // Here, not in the HTTP process: the scheduler writes outbox rows, and this stage is their one writer.
  const scheduler = new Scheduler({ store, outreach, clock, log, storeGate: s.storeGate }, config.TZ);
  const inboxWorker = new InboxWorker({
    store,
    inbox,
    outbox,
    handlerFor: eventTable(createBot(), { outbox, learning, content: s.content, clock, config, places: new Places(store), outreach }, log),
    log,
    storeGate: s.storeGate,
  });
  return {
    learning,
    inbox,
    outbox,
    inboxWorker,
    dispatcher,
    outreach,
    scheduler,
    start() {
      dispatcher.start();
      inboxWorker.start();
      if (s.scheduler !== "manual") scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await inboxWorker.stop();
      await dispatcher.stop();
    },
  };
}
