import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small round-robin HTTP proxy in front of several server instances, as a load balancer would be
 * (nginx's `proxy_next_upstream error`): each request goes to the next backend; one that refuses the
 * connection, or drops it before answering, is skipped and the request tried on the next. A backend
 * that answers, whatever the status, is the answer.
 */
export class RoundRobin {
  private server: Server | null = null;
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** Requests answered by each backend, by index. */
  readonly answered: number[];
  url = "";

  constructor(readonly backends: string[]) {
    this.answered = backends.map(() => 0);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (let tries = 0; tries < this.backends.length; tries++) {
      const index = this.next++ % this.backends.length;
      try {
        const answer = await this.send(this.backends[index]!, req, body);
        this.answered[index]!++;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch {
        // Down or dropped mid-request: the next backend gets it.
      }
    }
    res.writeHead(502).end();
  }

  private send(base: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const url = new URL(req.url ?? "/", base);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "connection") headers[k] = v;
      const out = request(url, { method: req.method, headers, agent: this.agent }, (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (c: Buffer) => parts.push(c));
        answer.on("end", () => {
          const kept: Record<string, string> = {};
          const type = answer.headers["content-type"];
          if (type) kept["content-type"] = type;
          resolve({ status: answer.statusCode ?? 502, headers: kept, body: Buffer.concat(parts) });
        });
        answer.on("error", reject);
      });
      out.on("error", reject);
      out.end(body);
    });
  }
}
