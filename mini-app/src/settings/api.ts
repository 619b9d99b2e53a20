import * as z from "zod/mini";
import { authedJson, forgetSession } from "../auth/session";
import { LearnerReply, LearnerSchema, type Learner } from "../auth/learner";
import { CERTIFICATE_CACHE_KEY, OLD_CERTIFICATE_CACHE_KEY } from "../certificate/api";
import { platform } from "../platform";
import { readStored, removeStored, writeStored } from "../offline/stored-json";
import { useCached } from "../offline/use-cached";
import { communesKey } from "../places/schemas";

const ME_KEY = "me";

async function fetchMe(): Promise<Learner> {
  return (await authedJson("/api/me", LearnerReply)).learner;
}

/** The signed-in learner, kept on the phone under one key (see useCached for the modes). */
export const useMe = (mode?: "stale-first" | "network-first") => useCached(ME_KEY, LearnerSchema, fetchMe, mode);

export type LearnerPatch = Partial<Pick<Learner, "consent" | "reminderTime" | "provinceCode" | "communeCode">>;

/** Saves on the server, then keeps the answer on the phone too: Home shown offline must not ask again. */
export async function updateMe(patch: LearnerPatch): Promise<Learner> {
  const learner = (await authedJson("/api/me", LearnerReply, { method: "PATCH", body: JSON.stringify(patch) })).learner;
  writeStored((await platform()).storage, ME_KEY, learner);
  return learner;
}

const Deleted = z.object({ deleted: z.literal(true) });

/** Deletes everything the server holds about the person, then everything this phone kept (except text size). */
export async function deleteMyData(): Promise<void> {
  await authedJson("/api/me", Deleted, { method: "DELETE" });
  await forgetSession();
  const { storage } = await platform();
  // The commune list kept for the chosen province would still tell where the person lives.
  const province = readStored(storage, ME_KEY, LearnerSchema)?.provinceCode;
  if (province) removeStored(storage, communesKey(province));
  for (const key of [ME_KEY, "outbox", "progress", CERTIFICATE_CACHE_KEY, OLD_CERTIFICATE_CACHE_KEY, "firstTouch", "finalAttempt", "finalAnswers"]) removeStored(storage, key);
}
