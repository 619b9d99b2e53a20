import { randomBytes, randomInt } from "node:crypto";
import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";

export interface SimUser {
  user_id: string;
  display_name: string;
  follows: number;
  created_at: string;
}

export interface SimMessage {
  id: number;
  user_id: string;
  direction: "in" | "out";
  body: string;
  msg_id: string;
  created_at: string;
}

/** Simulated citizens and their conversations with the OA, kept in the same database. */
export class SimStore {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  users(): Promise<SimUser[]> {
    return this.store.all<SimUser>(`SELECT * FROM sim_users ORDER BY created_at DESC`);
  }

  user(userId: string): Promise<SimUser | undefined> {
    return this.store.get<SimUser>(`SELECT * FROM sim_users WHERE user_id = ?`, [userId]);
  }

  async createUser(displayName: string): Promise<SimUser> {
    // Zalo ids are 18–19 digit strings; so are ours, to exercise the same code paths.
    const userId = String(randomInt(1, 9)) + Array.from({ length: 18 }, () => randomInt(0, 10)).join("");
    const user = await this.store.get<SimUser>(`INSERT INTO sim_users (user_id, display_name, follows, created_at) VALUES (?, ?, 0, ?) RETURNING *`, [
      userId,
      displayName,
      iso(this.clock.now()),
    ]);
    return user!;
  }

  async setFollows(userId: string, follows: boolean): Promise<void> {
    await this.store.run(`UPDATE sim_users SET follows = ? WHERE user_id = ?`, [follows ? 1 : 0, userId]);
  }

  async addMessage(userId: string, direction: "in" | "out", body: unknown): Promise<SimMessage> {
    const msgId = randomBytes(10).toString("hex");
    const message = await this.store.get<SimMessage>(
      `INSERT INTO sim_messages (user_id, direction, body, msg_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
      [userId, direction, JSON.stringify(body), msgId, iso(this.clock.now())],
    );
    return message!;
  }

  messages(userId: string, afterId: number, limit = 200): Promise<SimMessage[]> {
    return this.store.all<SimMessage>(`SELECT * FROM sim_messages WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?`, [userId, afterId, limit]);
  }

  recent(userId: string, count: number): Promise<SimMessage[]> {
    return this.store.all<SimMessage>(`SELECT * FROM sim_messages WHERE user_id = ? ORDER BY id DESC LIMIT ?`, [userId, count]);
  }
}
