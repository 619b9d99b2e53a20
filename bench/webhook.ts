// npm run bench:webhook — signed Zalo events against the real webhook (verify → store → 200, with the
// inbox worker and outbox dispatcher replying in the same process), and the same load against a bare
// Express route, in one run on one machine. Servers run as child processes; load comes from here.
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { FakeZalo } from "../test/support/fake-zalo.js";
import { freePort, waitForHealth } from "../test/support/child.js";
import { realEnv, signed, textEvent } from "../test/support/server.js";

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARM_UP_SECONDS = 2;

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
          const event = textEvent(`7${String(++n % 5000).padStart(18, "0")}`, "trợ giúp nhé 🙏");
          const body = JSON.stringify(event);
          return { ...req, body, headers: { "content-type": "application/json", "x-zevent-signature": signed(body, String(event.timestamp)) } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

const fmt = (f: Figures) => `${f.rps.toFixed(0).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p99 ${f.p99.toFixed(1).padStart(5)} ms   errors ${f.errors + f.non2xx}`;

async function main() {
  const fake = await new FakeZalo().start();

  const barePort = await freePort();
  const bare = start(["bench/bare-express.ts"], { PORT: String(barePort) });
  await new Promise((r) => setTimeout(r, 1500));
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await load(bareUrl, undefined, WARM_UP_SECONDS);
  const bareMax = await load(bareUrl);
  const bareAt1000 = await load(bareUrl, 1000);
  await stop(bare);

  const port = await freePort();
  const env = { ...realEnv(fake), PORT: String(port), LOG_LEVEL: "warn" };
  const product = start(["bot-server/src/main.ts"], env);
  await waitForHealth(`http://127.0.0.1:${port}`);
  const url = `http://127.0.0.1:${port}`;
  // Both servers get the same warm-up (JIT, the processing thread loading content) before measuring.
  await load(url, undefined, WARM_UP_SECONDS);
  const max = await load(url);
  const at1000 = await load(url, 1000);
  await new Promise((r) => setTimeout(r, 2000));
  const replies = fake.delivered.length;
  await stop(product);
  await fake.stop();

  console.log(`\nwebhook benchmark (${DURATION}s per run, ${CONNECTIONS} connections at max; node ${process.version})`);
  console.log(`bare Express, max     ${fmt(bareMax)}`);
  console.log(`Kỹ Năng Số webhook    ${fmt(max)}`);
  console.log(`bare Express @1000/s  ${fmt(bareAt1000)}`);
  console.log(`webhook @1000/s       ${fmt(at1000)}`);
  console.log(`throughput ratio (webhook / bare): ${(max.rps / bareMax.rps).toFixed(2)}   goal ≥ 0.50`);
  console.log(`p99 at 1000 events/s: ${at1000.p99.toFixed(1)} ms   goal < 25 ms`);
  console.log(`replies delivered to the fake Zalo during the run: ${replies}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
