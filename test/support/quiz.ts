import type { Store } from "../../bot-server/src/db/store.js";
import { content } from "./learning.js";
import type { ChatButton, ChatMessage } from "./chat.js";

/** The answer buttons of the question on screen (the last message). */
export function answerButtons(messages: ChatMessage[]): ChatButton[] {
  const last = messages[messages.length - 1];
  return (last?.buttons ?? []).filter((b) => typeof b.payload === "string" && b.payload.startsWith("#a:"));
}

/** The right or a wrong answer button, decided from the question bank via the button's token. */
export async function pick(store: Store, messages: ChatMessage[], right: boolean): Promise<ChatButton> {
  const buttons = answerButtons(messages);
  const token = String(buttons[0]?.payload).split(":")[1];
  const questionId = await store.value<string>("SELECT question_id FROM quiz_items WHERE token = ?", [token!]);
  const question = content().questions.find((q) => q.id === questionId)!;
  const index = right ? question.answer : (question.answer + 1) % 4;
  return buttons[index]!;
}
