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

export async function closeFinalAttempt(): Promise<void> {
  removeStored((await platform()).storage, KEY);
}
