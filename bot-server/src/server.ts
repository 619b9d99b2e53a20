import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Logger } from "pino";
import { systemClock, type Clock } from "./clock.js";
import { isSimulator, missingForRealMode, requireRealModeSettings, type Config } from "./config.js";
import { openStore } from "./db/open.js";
import type { Store } from "./db/store.js";
import { appApiRouter } from "./app-api/router.js";
import { IngestThread } from "./background/ingest-thread.js";
import { ProcessingThread } from "./background/processing-thread.js";
import { certificateCheckRouter } from "./certificates/check-page.js";
import { createProcessing, type Processing } from "./background/processing.js";
import { errorHandler, notFound } from "./http/errors.js";
import { healthRouter } from "./http/health.js";
import { miniAppRouter } from "./http/mini-app.js";
import { Learning } from "./learning/index.js";
import { lessonsApiRouter } from "./learning/lessons-api.js";
import { loadContent, type Content } from "../../content/src/index.js";
import { createLogger } from "./log.js";
import { importPlacesIfEmpty } from "./places/auto-import.js";
import type { DispatcherOptions } from "./pipeline/dispatcher.js";
import { Outbox } from "./pipeline/outbox.js";
import { simApiRouter, type SimIdentity } from "./simulator/sim-api.js";
import { simPageRouter } from "./simulator/sim-page.js";
import { simZaloRouter } from "./simulator/sim-zalo.js";
import { SimStore } from "./simulator/store.js";
import { Inbox } from "./pipeline/inbox.js";
import { tokenStoreFor } from "./zalo/tokens.js";
import { webhookRouter } from "./zalo/webhook.js";
import { OperatorAlerts } from "./ops/alerts.js";

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  dispatcher?: Partial<DispatcherOptions>;
  /**
   * "thread" (production): inbox worker and dispatcher run in a worker thread with their own SQLite
   * connection. "inline": same process and connection, driven by tests that step the stages by hand.
   */
  processing?: "thread" | "inline";
  /** Already loaded content (tests); otherwise content/ is loaded and validated at start. */
  content?: Content;
  /** "cron" (default): reminders and tips every minute. "manual": only when tests call `scheduler.tick`. */
  scheduler?: "cron" | "manual";
}

export interface ServerHandle {
  url: string;
  port: number;
  mode: "simulator" | "zalo";
  store: Store;
  inbox: Inbox;
  outbox: Outbox;
  learning: Learning;
  content: Content;
  /** Present with inline processing only. */
  processing: Processing | null;
  stop(): Promise<void>;
}

/** Identity of the built-in simulated Zalo (not secrets: it only ever talks to this process). */
const SIM_DEFAULTS = { appId: "3141592653589793238", oaId: "2718281828459045235", secretKey: "kynangso-simulator-oa-secret" };

/** Builds and starts everything: database, HTTP, the processing stages. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandle> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const threaded = (options.processing ?? "thread") === "thread";
  // Content is read-only at run time: loaded and validated once; a problem stops start-up.
  const content = options.content ?? loadContent();
  // A token pair in the environment means real mode: check what it needs before touching the database.
  const tokensInEnv = !isSimulator(config, false);
  if (tokensInEnv) requireRealModeSettings(config);
  const store = await openStore(config, { autoCheckpoint: !threaded });

  // Seed the token pair before anything sends; the processing stage reads it from the database.
  const tokens = tokenStoreFor(store, config, clock, log);
  let simulator: boolean;
  let seeded: Awaited<ReturnType<typeof tokens.seed>>;
  try {
    seeded = await tokens.seed(config.ZALO_OA_ACCESS_TOKEN, config.ZALO_OA_REFRESH_TOKEN);
    simulator = isSimulator(config, await tokens.hasTokens());
    // A pair stored by an earlier run (one in the environment was checked above).
    if (!simulator && !tokensInEnv) requireRealModeSettings(config);
    await importPlacesIfEmpty(store, config.ADMIN_UNITS_FILE, log);
  } catch (err) {
    await store.close();
    throw err;
  }
  const mode = simulator ? "simulator" : "zalo";
  if (!simulator) for (const line of missingForRealMode(config)) log.warn(line);
  log.info({ mode, tokens: seeded, processing: threaded ? "thread" : "inline" }, "starting");

  const inbox = new Inbox(store, clock);
  const outbox = new Outbox(store, clock);
  // The HTTP side's view of the learning records (Mini App API); the chat uses its own in processing.
  const learning = new Learning(store, clock, content, { timeZone: config.TZ });
  const sim: SimIdentity = {
    appId: config.ZALO_APP_ID ?? SIM_DEFAULTS.appId,
    oaId: config.ZALO_OA_ID ?? SIM_DEFAULTS.oaId,
    secretKey: config.ZALO_OA_SECRET_KEY ?? SIM_DEFAULTS.secretKey,
  };

  let port = 0;
  const selfHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const app = express();
  app.disable("x-powered-by");
  const alerts = new OperatorAlerts(store, clock, log);
  app.use(healthRouter(store, mode, alerts));
  let ingest: IngestThread | null = null;
  let thread: ProcessingThread | null = null;
  app.use(
    webhookRouter({
      // Threaded: the ingest thread stores events. Inline: this connection.
      store: (event, raw) => (ingest ? ingest.store(event, raw) : inbox.store(event, raw)),
      log,
      appId: config.ZALO_APP_ID,
      oaSecretKey: config.ZALO_OA_SECRET_KEY,
      simulatorKey: simulator ? { appId: sim.appId, key: sim.secretKey } : undefined,
      alerts,
      clock,
    }),
  );
  if (simulator) {
    const sims = new SimStore(store, clock);
    app.use("/sim/zalo", simZaloRouter(sims));
    app.use("/sim/api", simApiRouter(sims, sim, () => `http://${selfHost}:${port}/webhooks/zalo`));
    app.use(simPageRouter());
  }
  app.use(lessonsApiRouter(content));
  // The Mini App's API, on this process's own connection to the same learning records.
  app.use(appApiRouter({ learning, content, config, clock, log, simulator, oaToken: () => tokens.stored() }));
  app.use(certificateCheckRouter(learning.certificates, content, config.TZ));
  app.use(miniAppRouter());
  app.use(notFound);
  app.use(errorHandler(log));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once("error", reject);
  });
  port = (server.address() as AddressInfo).port;
  const apiBase = simulator ? `http://${selfHost}:${port}/sim/zalo` : config.ZALO_OA_API_BASE;

  let processing: Processing | null = null;
  if (threaded) {
    const storer = new IngestThread({ config }, log, () => thread?.notifyInbox());
    thread = new ProcessingThread({ config, apiBase, simulator, storeGate: storer.gate.buffer }, log);
    await Promise.all([storer.start(), thread.start()]);
    ingest = storer;
    outbox.onEnqueue(() => thread?.notifyOutbox());
  } else {
    // Same connection: the stages' own Inbox and Outbox are woken by this process's stores and enqueues.
    processing = createProcessing({ store, config, clock, log, apiBase, simulator, content, dispatcher: options.dispatcher, scheduler: options.scheduler });
    inbox.onStore(() => processing?.inboxWorker.wake());
    outbox.onEnqueue(() => processing?.dispatcher.wake());
    processing.start();
  }

  const url = `http://${selfHost}:${port}`;
  log.info({ url, mode }, simulator ? `ready: open ${url}/sim to chat, ${url}/ for the Mini App` : `ready on ${url}`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop taking requests, let those under way finish, then the processing stages, then the database.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await ingest?.stop();
      await thread?.stop();
      await processing?.stop();
      await store.close();
      log.info("stopped");
    })());

  return { url, port, mode, store, inbox, outbox, learning, content, processing, stop };
}
