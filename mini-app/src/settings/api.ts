import * as z from "zod/mini";
import { authedJson, forgetSession } from "../auth/session";
import { LearnerReply, LearnerSchema, type Learner } from "../auth/learner";
import { platform } from "../platform";
import { KEY_PREFIX, readStored, removeStored, writeStored } from "../offline/stored-json";
import { communesKey } from "../places/schemas";

export async function fetchMe(): Promise<Learner> {
  return (await authedJson("/api/me", LearnerReply)).learner;
}

export type LearnerPatch = Partial<Pick<Learner, "certificateName" | "consent" | "reminderTime" | "provinceCode" | "communeCode">>;

/** Saves on the server, then keeps the answer on the phone too: Home shown offline must not ask again. */
export async function updateMe(patch: LearnerPatch): Promise<Learner> {
  const learner = (await authedJson("/api/me", LearnerReply, { method: "PATCH", body: JSON.stringify(patch) })).learner;
  writeStored((await platform()).storage, "me", learner);
  return learner;
}

const Deleted = z.object({ deleted: z.literal(true) });

/** Deletes everything the server holds about the person, then everything this phone kept (except text size). */
export async function deleteMyData(): Promise<void> {
  await authedJson("/api/me", Deleted, { method: "DELETE" });
  await forgetSession();
  const { storage } = await platform();
  // The commune list kept for the chosen province would still tell where the person lives.
  const province = readStored(storage, "me", LearnerSchema)?.provinceCode;
  if (province) removeStored(storage, communesKey(province));
  for (const key of ["me", "outbox", "progress", "certificate", "firstTouch", "finalAttempt", "finalAnswers"]) storage.remove(KEY_PREFIX + key);
}
