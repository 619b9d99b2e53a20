import { createHash } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import type { Config } from "../config.js";
import type { Logger } from "pino";
import { ADVISORY_LOCKS } from "../db/advisory-locks.js";
import type { Store } from "../db/store.js";
import { addMs, iso, type Clock } from "../clock.js";

/** Where the OA client gets the access token it sends with. */
export interface AccessTokens {
  current(): Promise<string>;
  /** The token `rejected` was refused (-216/-220): get a fresh one, refreshing at most once for all callers. */
  refreshAfterRejection(rejected: string): Promise<string>;
}

/** The simulated Zalo accepts any token. */
export const simulatorTokens: AccessTokens = {
  current: async () => "simulator-access-token",
  refreshAfterRejection: async () => "simulator-access-token",
};

export class TokenRefreshError extends Error {}

interface TokenRow {
  access_token: string;
  refresh_token: string;
  expires_at: string | null;
  seed_fingerprint: string | null;
  generation: number;
}

interface Deps {
  store: Store;
  http: AxiosInstance;
  oauthBase: string;
  appId: string | undefined;
  appSecret: string | undefined;
  clock: Clock;
  log: Logger;
  timeoutMs: number;
  /** Refresh this long before `expires_in` runs out. */
  refreshAheadMs?: number;
}

/**
 * OA token pair in the database. Zalo's refresh tokens work once, so: refreshes are single-flight in
 * this process and, on a shared store, across instances (an advisory lock held through the refresh;
 * whoever gets it second finds the pair already new and uses it); and the new pair is committed before
 * anyone uses the new access token — a crash right after the refresh still leaves the live refresh
 * token stored.
 */
export class OaTokenStore implements AccessTokens {
  private inflight: Promise<string> | null = null;
  private readonly refreshAheadMs: number;

  constructor(private readonly deps: Deps) {
    this.refreshAheadMs = deps.refreshAheadMs ?? 10 * 60_000;
  }

  /**
   * First start: store the pair from the environment. Later starts keep the rotated pair in the DB,
   * unless the operator put a different refresh token in the environment (a re-authorised OA).
   */
  async seed(accessToken: string | undefined, refreshToken: string | undefined): Promise<"seeded" | "kept" | "none"> {
    if (!accessToken && !refreshToken) return "none";
    const fingerprint = createHash("sha256").update(`${accessToken ?? ""}|${refreshToken ?? ""}`).digest("hex");
    // Instances starting together seed once: the one that writes first; the others find it kept.
    const changed = await this.deps.store.run(
      `INSERT INTO oa_tokens (id, access_token, refresh_token, expires_at, seed_fingerprint, generation, updated_at)
       VALUES (1, ?, ?, NULL, ?, 1, ?)
       ON CONFLICT (id) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
         expires_at = NULL, seed_fingerprint = excluded.seed_fingerprint, generation = oa_tokens.generation + 1,
         updated_at = excluded.updated_at
       WHERE oa_tokens.seed_fingerprint IS DISTINCT FROM excluded.seed_fingerprint`,
      [accessToken ?? "", refreshToken ?? "", fingerprint, iso(this.deps.clock.now())],
    );
    return changed.changes === 1 ? "seeded" : "kept";
  }

  async hasTokens(): Promise<boolean> {
    return (await this.read()) !== undefined;
  }

  /**
   * The stored access token, never refreshed: for a process that does not own refreshing (refresh tokens
   * work once; the processing thread refreshes). None, or one past its end: undefined.
   */
  async stored(): Promise<string | undefined> {
    const row = await this.read();
    if (!row?.access_token) return undefined;
    if (row.expires_at && Date.parse(row.expires_at) <= this.deps.clock.now().getTime()) return undefined;
    return row.access_token;
  }

  async current(): Promise<string> {
    const row = await this.read();
    if (!row) throw new TokenRefreshError("No OA token pair: set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN");
    const due = row.expires_at !== null && Date.parse(row.expires_at) - this.refreshAheadMs <= this.deps.clock.now().getTime();
    if (due || !row.access_token) {
      try {
        return await this.refreshOnce();
      } catch (err) {
        // Refreshing ahead of time failed; the old token may still be valid for a while.
        if (row.access_token && row.expires_at && Date.parse(row.expires_at) > this.deps.clock.now().getTime()) {
          this.deps.log.warn({ err }, "early token refresh failed; using the current token");
          return row.access_token;
        }
        throw err;
      }
    }
    return row.access_token;
  }

  async refreshAfterRejection(rejected: string): Promise<string> {
    if (this.inflight) return this.inflight;
    const row = await this.read();
    // Someone already refreshed since `rejected` was read: use theirs, don't burn the refresh token.
    if (row && row.access_token && row.access_token !== rejected) return row.access_token;
    return this.refreshOnce();
  }

  private refreshOnce(): Promise<string> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * On a shared store the refresh holds an advisory lock from reading the pair to committing the new
   * one: a second instance waits, then finds a newer generation than the one it saw and takes that.
   */
  private async refresh(): Promise<string> {
    const { store } = this.deps;
    if (!store.shared) return this.refreshFrom(await this.read());
    const seen = await this.read();
    return store.transaction(
      async () => {
        await store.run("SELECT pg_advisory_xact_lock(?)", [ADVISORY_LOCKS.tokenRefresh]);
        const row = await this.read();
        if (row && seen && row.generation !== seen.generation && row.access_token) return row.access_token;
        return this.refreshFrom(row);
      },
      // Read committed: each read sees what the instance before us committed. Durable: the spent
      // refresh token must not come back after a crash.
      { isolation: "read committed", durable: true },
    );
  }

  private async refreshFrom(row: TokenRow | undefined): Promise<string> {
    const { appId, appSecret, http, oauthBase, store, clock, log, timeoutMs } = this.deps;
    if (!row?.refresh_token) throw new TokenRefreshError("No refresh token stored: re-authorise the OA and seed a new pair");
    if (!appId || !appSecret) throw new TokenRefreshError("ZALO_APP_ID and ZALO_APP_SECRET are needed to refresh the OA token");
    const form = new URLSearchParams({ app_id: appId, grant_type: "refresh_token", refresh_token: row.refresh_token });
    const res = await http.post(`${oauthBase}/v4/oa/access_token`, form.toString(), {
      headers: { secret_key: appSecret, "Content-Type": "application/x-www-form-urlencoded" },
      timeout: timeoutMs,
      validateStatus: () => true,
    });
    const body = (res.data ?? {}) as Record<string, unknown>;
    const access = typeof body.access_token === "string" ? body.access_token : "";
    const refresh = typeof body.refresh_token === "string" ? body.refresh_token : "";
    if (res.status !== 200 || !access || !refresh) {
      const why = String(body.error_description ?? body.message ?? body.error_name ?? body.error ?? `HTTP ${res.status}`);
      log.error({ status: res.status, error: body.error }, "OA token refresh refused");
      throw new TokenRefreshError(`Token refresh refused: ${why}`);
    }
    // expires_in is a string of seconds ("90000"); tolerate a number, ignore nonsense.
    const seconds = Number(body.expires_in);
    const expiresAt = Number.isFinite(seconds) && seconds > 0 ? iso(addMs(clock.now(), seconds * 1000)) : null;
    // Durable (the processing thread's SQLite connection is NORMAL): the new pair survives a power cut.
    const { changes: changed } = await store.transaction(
      () =>
        store.run(
          `UPDATE oa_tokens SET access_token = ?, refresh_token = ?, expires_at = ?, generation = generation + 1, updated_at = ?
           WHERE id = 1 AND generation = ?`,
          [access, refresh, expiresAt, iso(clock.now()), row.generation],
        ),
      { durable: true },
    );
    if (changed !== 1) throw new TokenRefreshError("Token pair changed during refresh (another process?)");
    log.info({ generation: row.generation + 1, expiresAt }, "OA access token refreshed");
    return access;
  }

  private read(): Promise<TokenRow | undefined> {
    return this.deps.store.get<TokenRow>("SELECT access_token, refresh_token, expires_at, seed_fingerprint, generation FROM oa_tokens WHERE id = 1");
  }
}

/** The token store as configured from the environment (one construction for every caller). */
export function tokenStoreFor(store: Store, config: Config, clock: Clock, log: Logger): OaTokenStore {
  return new OaTokenStore({
    store,
    http: axios.create(),
    oauthBase: config.ZALO_OAUTH_BASE,
    appId: config.ZALO_APP_ID,
    appSecret: config.ZALO_APP_SECRET,
    clock,
    log,
    timeoutMs: config.ZALO_HTTP_TIMEOUT_MS,
  });
}
