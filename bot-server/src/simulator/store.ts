import { randomBytes, randomInt } from "node:crypto";
import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { sql } from "../db/statements.js";

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

/** Simulated citizens and their conversations with the OA, kept in the same SQLite file. */
export class SimStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  users(): SimUser[] {
    return sql(this.db, `SELECT * FROM sim_users ORDER BY created_at DESC`).all() as SimUser[];
  }

  user(userId: string): SimUser | undefined {
    return sql(this.db, `SELECT * FROM sim_users WHERE user_id = ?`).get(userId) as SimUser | undefined;
  }

  createUser(displayName: string): SimUser {
    // Zalo ids are 18–19 digit strings; so are ours, to exercise the same code paths.
    const userId = String(randomInt(1, 9)) + Array.from({ length: 18 }, () => randomInt(0, 10)).join("");
    sql(this.db, `INSERT INTO sim_users (user_id, display_name, follows, created_at) VALUES (?, ?, 0, ?)`)
      .run(userId, displayName, iso(this.clock.now()));
    return this.user(userId)!;
  }

  setFollows(userId: string, follows: boolean): void {
    sql(this.db, `UPDATE sim_users SET follows = ? WHERE user_id = ?`).run(follows ? 1 : 0, userId);
  }

  addMessage(userId: string, direction: "in" | "out", body: unknown): SimMessage {
    const msgId = randomBytes(10).toString("hex");
    const info = sql(this.db, `INSERT INTO sim_messages (user_id, direction, body, msg_id, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(userId, direction, JSON.stringify(body), msgId, iso(this.clock.now()));
    return sql(this.db, `SELECT * FROM sim_messages WHERE id = ?`).get(info.lastInsertRowid) as SimMessage;
  }

  messages(userId: string, afterId: number, limit = 200): SimMessage[] {
    return sql(this.db, `SELECT * FROM sim_messages WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?`)
      .all(userId, afterId, limit) as SimMessage[];
  }

  recent(userId: string, count: number): SimMessage[] {
    return sql(this.db, `SELECT * FROM sim_messages WHERE user_id = ? ORDER BY id DESC LIMIT ?`)
      .all(userId, count) as SimMessage[];
  }
}
