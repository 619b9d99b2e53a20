import type { z } from "zod";
import { parseJsonKeepingBigInts } from "./json.js";

export type ZaloGet = { ok: true; status: number; text: string } | { ok: false; error: string };

/** A GET to one of Zalo's APIs with a timeout: the status and the raw text, or the error's name. */
export async function zaloGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<ZaloGet> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, status: res.status, text: await res.text() };
  } catch (err) {
    return { ok: false, error: (err as Error).name };
  }
}

/** Zalo's JSON with big-integer ids kept exact, checked against `schema`; undefined when unreadable. */
export function readZaloBody<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  const parsed = schema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return parseJsonKeepingBigInts(text);
  } catch {
    return undefined;
  }
}
