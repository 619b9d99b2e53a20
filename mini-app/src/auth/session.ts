import * as z from "zod/mini";
import { platform } from "../platform";
import { postJson, RequestError, requestJson, type Parser } from "../offline/http";
import { readStored, removeStored, writeStored } from "../offline/stored-json";
import { firstTouch } from "./first-touch";
import { LearnerSchema } from "./learner";

const SignInReply = z.object({ sessionToken: z.string(), expiresAt: z.string(), learner: LearnerSchema });
const StoredSession = z.object({ token: z.string() });
const KEY = "session";

let signingIn: Promise<string> | null = null;

/** Signs in with whatever the host offers (Zalo token, or the dev route in preview); one at a time. */
export function signIn(): Promise<string> {
  signingIn ??= (async () => {
    const p = await platform();
    const request = await p.signInRequest();
    const reply = await requestJson(request.path, SignInReply, postJson({ ...request.body, ...firstTouch(p.storage) }));
    writeStored(p.storage, KEY, { token: reply.sessionToken });
    return reply.sessionToken;
  })()
    .catch((err: unknown) => {
      // A refused sign-in is about the session, not the request that needed it: report it as such.
      if (err instanceof RequestError && err.kind === "rejected") {
        throw new RequestError("unauthenticated", err.status, err.code, err.userMessage, err.body);
      }
      throw err;
    })
    .finally(() => {
      signingIn = null;
    });
  return signingIn;
}

async function storedToken(): Promise<string | null> {
  return readStored((await platform()).storage, KEY, StoredSession)?.token ?? null;
}

export async function forgetSession(): Promise<void> {
  removeStored((await platform()).storage, KEY);
}

function withBearer(init: RequestInit, token: string): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` } };
}

/** A request with the session; an expired or unknown session signs in again once and retries. */
export async function authedJson<T>(path: string, parser: Parser<T>, init: RequestInit = {}): Promise<T> {
  const token = (await storedToken()) ?? (await signIn());
  try {
    return await requestJson(path, parser, withBearer(init, token));
  } catch (err) {
    if (!(err instanceof RequestError) || err.kind !== "unauthenticated") throw err;
    await forgetSession();
    return requestJson(path, parser, withBearer(init, await signIn()));
  }
}

/** On start: reuse the kept session, or sign in now so the first progress write does not wait for it. */
export async function ensureSession(): Promise<void> {
  if (!(await storedToken())) await signIn();
}
