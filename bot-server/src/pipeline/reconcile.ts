import type { HistoryMessage } from "../zalo/oa-client.js";

/**
 * How far Zalo's clock may be behind ours. Zalo stamps its history with its own clock; our claim time is
 * ours. A message stamped more than this before the claim of the silent attempt is not that attempt's.
 * Small on purpose: the bound that matters most (below) does not depend on clocks at all.
 */
export const CLOCK_SKEW_MS = 30_000;

export interface InDoubtSend {
  userId: string;
  text: string;
  /** When the first attempt that got no answer began (our clock). */
  since: Date;
}

/**
 * Finds, in the person's recent history, the message a silent attempt delivered, if any. Accepted only:
 * sent by the OA to this person, with the same text; an id no outbox row holds (`held`: the ids among
 * `history` that rows already hold); stamped at or after the claim (less the clock skew); and no older
 * than the newest message we hold for this person, since one person's messages go out one at a time,
 * in order, so everything before the newest held one was another row's. The NEWEST such message wins:
 * when two silent attempts both reached Zalo, the row takes the later copy, so the earlier one falls
 * below `newestHeld` and a later identical row (whose own send may be lost) can never adopt it. Taking
 * the oldest left the newer copy unheld and newer than anything held: the next identical row, if its
 * send never arrived, would adopt it and its reply would be lost.
 */
export function findOwnMessage(send: InDoubtSend, history: HistoryMessage[], held: Set<string>): HistoryMessage | undefined {
  const ours = history.filter((m) => m.fromOa && (m.toId === undefined || m.toId === send.userId) && m.time !== undefined);
  const newestHeld = Math.max(-Infinity, ...ours.filter((m) => m.messageId && held.has(m.messageId)).map((m) => m.time!));
  const earliest = Math.max(send.since.getTime() - CLOCK_SKEW_MS, newestHeld);
  const candidates = ours.filter((m) => m.messageId && !held.has(m.messageId) && m.text === send.text && m.time! >= earliest);
  return candidates.sort((a, b) => b.time! - a.time!)[0];
}
