import { ContentError, formatProblem } from "../../content/src/index.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./log.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.problems) console.error(`config error: ${line}`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const handle = await startServer(config, { log });
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means now
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    handle.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    for (const line of err.problems) console.error(`config error: ${line}`);
    process.exit(1);
  }
  if (err instanceof ContentError) {
    for (const p of err.problems) console.error(formatProblem(p));
    console.error("failed to start: the content has problems (npm run content:check lists them)");
    process.exit(1);
  }
  console.error(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
