import * as z from "zod/mini";
import { authedJson, forgetSession } from "../auth/session";
import { LearnerReply, type Learner } from "../auth/learner";
import { platform } from "../platform";
import { KEY_PREFIX } from "../offline/stored-json";

export async function fetchMe(): Promise<Learner> {
  return (await authedJson("/api/me", LearnerReply)).learner;
}

export type LearnerPatch = Partial<Pick<Learner, "certificateName" | "consent" | "reminderTime" | "provinceCode" | "communeCode">>;

export async function updateMe(patch: LearnerPatch): Promise<Learner> {
  return (await authedJson("/api/me", LearnerReply, { method: "PATCH", body: JSON.stringify(patch) })).learner;
}

const Deleted = z.object({ deleted: z.literal(true) });

/** Deletes everything the server holds about the person, then everything this phone kept (except text size). */
export async function deleteMyData(): Promise<void> {
  await authedJson("/api/me", Deleted, { method: "DELETE" });
  await forgetSession();
  const { storage } = await platform();
  for (const key of ["me", "outbox", "progress", "certificate", "firstTouch", "finalAttempt", "finalAnswers"]) storage.remove(KEY_PREFIX + key);
}
