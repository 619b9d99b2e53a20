import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { startServer, type ServerHandle } from "../src/server.js";
import { newAttemptId } from "../../test/support/app-api.js";
import { content, lessonAnswers } from "../../test/support/learning.js";
import { localEnv } from "../../test/support/server.js";

/**
 * Production layout: the processing thread writes events on its own connection while the API writes on
 * the HTTP connection. Both at once must never surface a busy database to a person.
 */
let server: ServerHandle;
beforeAll(async () => {
  const config = loadConfig(localEnv());
  server = await startServer(config, { log: createLogger("silent"), processing: "thread", content: content() });
});
afterAll(async () => {
  await server.stop();
});

const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe("API writes alongside the processing thread", () => {
  it("quiz submissions from several people while chat messages pour in all succeed and all count", async () => {
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post("/api/auth/dev", { name: `Người ${i + 1}` }).then((r) => r.body.sessionToken as string)),
    );
    const chatters = await Promise.all(
      Array.from({ length: 4 }, (_, i) => post("/sim/api/users", { name: `Chat ${i}` }).then((r) => r.body.user.user_id as string)),
    );
    const chat = chatters.flatMap((id) => Array.from({ length: 8 }, (_, k) => post(`/sim/api/users/${id}/messages`, { text: `tin ${k}` })));
    const quizzes = people.flatMap((token) =>
      content().lessons.map((l) => {
        return post("/api/quiz-attempts", { attemptId: newAttemptId(), lessonId: l.id, answers: lessonAnswers(l.id) }, token);
      }),
    );
    const results = await Promise.all([...quizzes, ...chat]);
    expect(results.filter((r) => r.status !== 200 && r.status !== 201).map((r) => [r.status, r.body])).toEqual([]);
    for (const token of people) {
      const res = await fetch(`${server.url}/api/progress`, { headers: { Authorization: `Bearer ${token}` } });
      const progress = (await res.json()) as { lessons: { quizPassed: boolean }[]; next: unknown };
      expect(progress.lessons.every((l) => l.quizPassed)).toBe(true);
      expect(progress.next).toEqual({ kind: "final" });
    }
  });
});
