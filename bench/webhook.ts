// npm run bench:webhook — signed Zalo events against the real webhook (verify → store → 200, with the
// inbox worker and outbox dispatcher replying in the same process), and the same load against a bare
// Express route, in one run on one machine. Servers run as child processes; load comes from here.
// On SQLite by default; with KNS_TEST_POSTGRES_URL (npm run bench:webhook:postgres) on PostgreSQL, and
// with BENCH_INSTANCES=3 as three instances on that one database behind a round-robin proxy.
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { onPostgres } from "../test/support/database.js";
import { FakeZalo } from "../test/support/fake-zalo.js";
import { RoundRobin } from "../test/support/round-robin.js";
import { exited, freePort, SERVER_ARGS, waitForHealth } from "../test/support/child.js";
import { realEnv, signed, textEvent, userId } from "../test/support/server.js";

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARM_UP_SECONDS = 2;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
if (INSTANCES > 1 && !onPostgres) throw new Error("several instances need PostgreSQL: set KNS_TEST_POSTGRES_URL (npm run bench:webhook:postgres)");

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, rate?: number, seconds = DURATION): Promise<Figures> {
  let n = 0;
  const result = await autocannon({
    url: `${url}/webhooks/zalo`,
    connections: rate ? 16 : CONNECTIONS,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          // Every event is new (its own msg_id), Vietnamese text, correctly signed.
          const event = textEvent(userId(++n % 5000), "trợ giúp nhé 🙏");
          const body = JSON.stringify(event);
          return { ...req, body, headers: { "content-type": "application/json", "x-zevent-signature": signed(body, String(event.timestamp)) } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await exited(child);
}

const fmt = (f: Figures) => `${f.rps.toFixed(0).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p99 ${f.p99.toFixed(1).padStart(5)} ms   errors ${f.errors + f.non2xx}`;

/** Waits until the product has handled every stored event, so its leftover work never slows the other run. */
async function idle(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { pending?: { inbox?: number } };
    if ((health.pending?.inbox ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const median = (xs: Figures[], key: keyof Figures) => [...xs].sort((a, b) => a[key] - b[key])[Math.floor(xs.length / 2)]![key];
const summary = (runs: Figures[]): Figures => ({
  rps: median(runs, "rps"),
  p50: median(runs, "p50"),
  p99: median(runs, "p99"),
  errors: runs.reduce((a, r) => a + r.errors, 0),
  non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
});

async function main() {
  const fake = await new FakeZalo().start();
  const barePort = await freePort();
  const bare = start(["--import", "tsx", "bench/bare-express.ts"], { PORT: String(barePort) });
  // The product as `npm run start:server` runs it (its Node flags included); bare Express with defaults.
  // Several instances share one database (and its schema) behind a round-robin proxy.
  const env = realEnv(fake);
  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  const products = ports.map((p) => start(SERVER_ARGS, { ...env, PORT: String(p), LOG_LEVEL: "warn" }));
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const backends = ports.map((p) => `http://127.0.0.1:${p}`);
  for (const b of backends) await waitForHealth(b, 30_000);
  const proxy = INSTANCES > 1 ? await new RoundRobin(backends).start() : undefined;
  const url = proxy?.url ?? backends[0]!;
  await waitForHealth(bareUrl);

  // Both servers get the same warm-up (JIT, the processing thread loading content). Then the runs
  // alternate, bare and product, so that a machine shared with other work slows both alike; medians.
  await load(bareUrl, undefined, WARM_UP_SECONDS);
  await load(url, undefined, WARM_UP_SECONDS);
  const runs = { bareMax: [] as Figures[], max: [] as Figures[], bareAt1000: [] as Figures[], at1000: [] as Figures[] };
  for (let round = 0; round < ROUNDS; round++) {
    await idle(url);
    runs.bareMax.push(await load(bareUrl));
    runs.max.push(await load(url));
    await idle(url);
    runs.bareAt1000.push(await load(bareUrl, 1000));
    runs.at1000.push(await load(url, 1000));
  }
  await idle(url);
  await new Promise((r) => setTimeout(r, 1000));
  const replies = fake.delivered.length;
  await proxy?.stop();
  for (const product of products) await stop(product);
  await stop(bare);
  await fake.stop();

  const [bareMax, max, bareAt1000, at1000] = [summary(runs.bareMax), summary(runs.max), summary(runs.bareAt1000), summary(runs.at1000)];
  // Each round's product run is paired with the bare run just before it, so both saw the same machine;
  // the headline is the median of those paired ratios (the ratio of the two medians is printed too).
  const paired = runs.max.map((r, i) => r.rps / runs.bareMax[i]!.rps);
  const ratio = [...paired].sort((a, b) => a - b)[Math.floor(paired.length / 2)]!;
  const setup = `${onPostgres ? "PostgreSQL" : "SQLite"}, ${INSTANCES} instance${INSTANCES > 1 ? "s behind a round-robin proxy" : ""}`;
  console.log(`\nwebhook benchmark, ${setup} (${ROUNDS} alternating rounds of ${DURATION}s, medians; ${CONNECTIONS} connections at max; node ${process.version})`);
  console.log(`bare Express, max     ${fmt(bareMax)}`);
  console.log(`Kỹ Năng Số webhook    ${fmt(max)}`);
  console.log(`bare Express @1000/s  ${fmt(bareAt1000)}`);
  console.log(`webhook @1000/s       ${fmt(at1000)}`);
  console.log(
    `throughput ratio (webhook / bare, median of rounds): ${ratio.toFixed(2)} (rounds: ${paired.map((r) => r.toFixed(2)).join(", ")}; ratio of medians ${(max.rps / bareMax.rps).toFixed(2)})   goal ≥ 0.50`,
  );
  console.log(`p99 at 1000 events/s: ${at1000.p99.toFixed(1)} ms (rounds: ${runs.at1000.map((r) => r.p99).join(", ")})   goal < 25 ms`);
  console.log(`replies delivered to the fake Zalo during the run: ${replies}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
