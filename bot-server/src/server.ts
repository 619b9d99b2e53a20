import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import axios from "axios";
import express from "express";
import type { Logger } from "pino";
import { systemClock, type Clock } from "./clock.js";
import { isSimulator, missingForRealMode, type Config } from "./config.js";
import { openDatabase, type Db } from "./db/open.js";
import { createBot } from "./chat/create-bot.js";
import { eventTable } from "./chat/event-table.js";
import { InboxWorker } from "./chat/inbox-worker.js";
import { errorHandler, notFound } from "./http/errors.js";
import { healthRouter } from "./http/health.js";
import { miniAppRouter } from "./http/mini-app.js";
import { Learners } from "./learning/learners.js";
import { createLogger } from "./log.js";
import { Dispatcher, type DispatcherOptions } from "./outreach/dispatcher.js";
import { Outbox } from "./outreach/outbox.js";
import { simApiRouter, type SimIdentity } from "./simulator/sim-api.js";
import { simPageRouter } from "./simulator/sim-page.js";
import { simZaloRouter } from "./simulator/sim-zalo.js";
import { SimStore } from "./simulator/store.js";
import { Inbox } from "./zalo/inbox.js";
import { OaClient } from "./zalo/oa-client.js";
import { OaTokenStore, simulatorTokens } from "./zalo/tokens.js";
import { webhookRouter } from "./zalo/webhook.js";

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  dispatcher?: Partial<DispatcherOptions>;
}

export interface ServerHandle {
  url: string;
  port: number;
  mode: "simulator" | "zalo";
  db: Db;
  inbox: Inbox;
  outbox: Outbox;
  inboxWorker: InboxWorker;
  dispatcher: Dispatcher;
  stop(): Promise<void>;
}

/** Identity of the built-in simulated Zalo (not secrets: it only ever talks to this process). */
const SIM_DEFAULTS = { appId: "3141592653589793238", oaId: "2718281828459045235", secretKey: "kynangso-simulator-oa-secret" };

/** Builds and starts everything: database, HTTP, inbox worker, outbox dispatcher. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandle> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_PATH);
  const http = axios.create();

  const tokens = new OaTokenStore({
    db,
    http,
    oauthBase: config.ZALO_OAUTH_BASE,
    appId: config.ZALO_APP_ID,
    appSecret: config.ZALO_APP_SECRET,
    clock,
    log,
    timeoutMs: config.ZALO_HTTP_TIMEOUT_MS,
  });
  const seeded = tokens.seed(config.ZALO_OA_ACCESS_TOKEN, config.ZALO_OA_REFRESH_TOKEN);
  const simulator = isSimulator(config, tokens.hasTokens());
  const mode = simulator ? "simulator" : "zalo";
  if (!simulator) for (const line of missingForRealMode(config)) log.warn(line);
  log.info({ mode, tokens: seeded }, "starting");

  const inbox = new Inbox(db, clock);
  const outbox = new Outbox(db, clock);
  const learners = new Learners(db, clock);
  const sim: SimIdentity = {
    appId: config.ZALO_APP_ID ?? SIM_DEFAULTS.appId,
    oaId: config.ZALO_OA_ID ?? SIM_DEFAULTS.oaId,
    secretKey: config.ZALO_OA_SECRET_KEY ?? SIM_DEFAULTS.secretKey,
  };

  let port = 0;
  const selfHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRouter(db, mode));
  app.use(
    webhookRouter({
      inbox,
      log,
      appId: config.ZALO_APP_ID,
      oaSecretKey: config.ZALO_OA_SECRET_KEY,
      simulatorKey: simulator ? { appId: sim.appId, key: sim.secretKey } : undefined,
    }),
  );
  if (simulator) {
    const store = new SimStore(db, clock);
    app.use("/sim/zalo", simZaloRouter(store));
    app.use("/sim/api", simApiRouter(store, sim, () => `http://${selfHost}:${port}/webhooks/zalo`));
    app.use(simPageRouter());
  }
  app.use(miniAppRouter());
  app.use(notFound);
  app.use(errorHandler(log));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once("error", reject);
  });
  port = (server.address() as AddressInfo).port;

  const client = new OaClient({
    http,
    apiBase: simulator ? `http://${selfHost}:${port}/sim/zalo` : config.ZALO_OA_API_BASE,
    tokens: simulator ? simulatorTokens : tokens,
    timeoutMs: config.ZALO_HTTP_TIMEOUT_MS,
    log,
  });
  const dispatcher = new Dispatcher(
    {
      outbox,
      client,
      clock,
      log,
      onUnreachable: (userId, f) => learners.markUnreachable(userId, `${f.code ?? ""} ${f.message}`.trim()),
    },
    {
      ratePerMinute: config.OUTBOX_RATE_PER_MINUTE,
      concurrency: config.OUTBOX_CONCURRENCY,
      maxAgeMs: config.OUTBOX_MAX_AGE_HOURS * 3_600_000,
      ...options.dispatcher,
    },
  );
  const bot = createBot();
  const inboxWorker = new InboxWorker({
    db,
    inbox,
    outbox,
    handlerFor: eventTable(bot, { outbox, learners, clock, config }, log),
    log,
  });
  dispatcher.start();
  inboxWorker.start();

  const url = `http://${selfHost}:${port}`;
  log.info({ url, mode }, simulator ? `ready: open ${url}/sim to chat, ${url}/ for the Mini App` : `ready on ${url}`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop taking requests, let those under way finish, then the workers, then the database.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await inboxWorker.stop();
      await dispatcher.stop();
      db.close();
      log.info("stopped");
    })());

  return { url, port, mode, db, inbox, outbox, inboxWorker, dispatcher, stop };
}
