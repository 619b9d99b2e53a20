import * as z from "zod/mini";
import { newAttemptId } from "../offline/attempt-id";
import { readStored, removeStored, writeStored } from "../offline/stored-json";
import { platform } from "../platform";

const KEY = "finalAttempt";

/** The open attempt survives a closed app: the server returns the same 20 questions for the same id. */
export async function currentFinalAttempt(): Promise<string> {
  const { storage } = await platform();
  const kept = readStored(storage, KEY, z.string());
  if (kept) return kept;
  const id = newAttemptId();
  writeStored(storage, KEY, id);
  return id;
}

const ANSWERS = "finalAnswers";
const KeptAnswers = z.object({ attemptId: z.string(), chosen: z.array(z.nullable(z.number())), index: z.number() });
export type KeptAnswers = z.infer<typeof KeptAnswers>;

/** Answers so far, so a phone call or a closed Zalo does not cost the person 20 questions of work. */
export async function keepFinalAnswers(kept: KeptAnswers): Promise<void> {
  writeStored((await platform()).storage, ANSWERS, kept);
}

export async function keptFinalAnswers(attemptId: string, count: number): Promise<KeptAnswers | null> {
  const kept = readStored((await platform()).storage, ANSWERS, KeptAnswers);
  return kept && kept.attemptId === attemptId && kept.chosen.length === count && kept.index < count ? kept : null;
}

export async function closeFinalAttempt(): Promise<void> {
  const { storage } = await platform();
  removeStored(storage, KEY);
  removeStored(storage, ANSWERS);
}
