import { z } from "zod";
import type { ChatContext } from "../context.js";

/**
 * Where a person is in a multi-step chat flow, stored as JSON in learners.chat_state. Only steps that
 * wait for typed text or a confirmation live here; an open quiz is found from its attempt instead.
 */
export const chatStateSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("consent") }),
  z.object({ step: z.literal("province") }),
  z.object({ step: z.literal("commune"), province: z.string() }),
  z.object({ step: z.literal("reminder") }),
  z.object({ step: z.literal("reminder-typed") }),
  // A passed final test waiting for the name to print; `proposed`: shown as it will be printed, to confirm.
  z.object({ step: z.literal("certificate-name"), proposed: z.string().optional() }),
  z.object({ step: z.literal("erase"), withdraw: z.boolean() }),
]);

export type ChatState = z.infer<typeof chatStateSchema>;
export type Step = ChatState["step"];

/** Each event's state, read once: several looks and handlers ask for it while one event is handled. */
const states = new WeakMap<ChatContext, ChatState | null>();

/** The stored state, or null when there is none or it is from an older version of the bot. */
export async function chatState(ctx: ChatContext): Promise<ChatState | null> {
  if (states.has(ctx)) return states.get(ctx)!;
  const parsed = chatStateSchema.safeParse(await ctx.services.learning.learners.chatState<unknown>(ctx.learner.id));
  const state = parsed.success ? parsed.data : null;
  states.set(ctx, state);
  return state;
}

export async function setChatState(ctx: ChatContext, state: ChatState | null): Promise<void> {
  await ctx.services.learning.learners.setChatState(ctx.learner.id, state);
  states.set(ctx, state);
}

/** The state if it is at `step`, typed. */
export async function atStep<S extends Step>(ctx: ChatContext, step: S): Promise<Extract<ChatState, { step: S }> | null> {
  const state = await chatState(ctx);
  return state?.step === step ? (state as Extract<ChatState, { step: S }>) : null;
}
