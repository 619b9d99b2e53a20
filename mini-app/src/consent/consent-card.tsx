import { useState } from "react";
import type { Learner } from "../auth/learner";
import { RequestError } from "../offline/http";
import { updateMe } from "../settings/api";
import { errorText } from "../ui/error-text";
import { LEARN_EITHER_WAY } from "../../../bot-server/src/learning/consent-wording";
import { WhatIsKept } from "./what-is-kept";

/**
 * Asked once, on Home, of someone who has not answered yet. Two equal buttons and nothing chosen in
 * advance (the law wants an explicit choice); the lessons around it work whatever happens here.
 */
function ConsentCard({ onAnswered }: { onAnswered: (learner: Learner) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const answer = async (consent: "granted" | "declined") => {
    setBusy(true);
    setError(null);
    try {
      onAnswered(await updateMe({ consent }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <section className="card consent-card" aria-labelledby="home-consent">
      <h2 id="home-consent">Bạn cho phép lưu thông tin không?</h2>
      <WhatIsKept />
      <p>{LEARN_EITHER_WAY} Bạn đổi ý lúc nào cũng được trong Cài đặt.</p>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {error instanceof RequestError && error.kind === "offline"
            ? "Chưa lưu được vì điện thoại đang không có mạng. Bạn bấm lại khi có mạng nhé."
            : errorText(error)}
        </p>
      )}
      <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void answer("granted")}>
        Đồng ý
      </button>
      <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void answer("declined")}>
        Không đồng ý
      </button>
    </section>
  );
}
export default ConsentCard;
